using System.Text.Json;
using Coco.Connectors.Server.Json;

namespace Coco.Connectors.Server.Transport.WebSockets;

/// <summary>One client message of either subprotocol: <c>{"type", "id"?, "payload"?}</c>.</summary>
internal readonly record struct IncomingMessage(string? Type, string? Id, JsonElement? Payload)
{
    public const string NotAnObject = "The message must be a json object.";
    public const string InvalidId = "The id property must be a string.";

    /// <summary>Parses a text frame; <paramref name="problem"/> says why it is not a message at all.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, out IncomingMessage message, out string? problem)
    {
        message = default;
        problem = null;
        if (!StrictJson.TryParse(utf8, out var document, out var invalid))
        {
            problem = invalid.Code == JsonProblem.InvalidJson ? NotAnObject : $"The message {invalid.Detail}.";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = NotAnObject;
                return false;
            }

            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            string? id = null;
            if (root.TryGetProperty("id", out var i) && i.ValueKind != JsonValueKind.Null)
            {
                if (i.ValueKind != JsonValueKind.String)
                {
                    problem = InvalidId;
                    return false;
                }

                id = i.GetString();
            }

            // Cloned: the frame's buffer is reused for the next message.
            JsonElement? payload = root.TryGetProperty("payload", out var p) && p.ValueKind != JsonValueKind.Null ? p.Clone() : null;
            message = new IncomingMessage(type, id, payload);
            return true;
        }
    }
}
