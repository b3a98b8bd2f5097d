using System.Text.Json;

namespace Coco.Connectors.Client;

/// <summary>One graphql-transport-ws message from the server; the payload is cloned so it outlives the frame.</summary>
internal sealed record ServerMessage(string? Type, string? Id, JsonElement? Payload)
{
    public static ServerMessage Parse(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new Utf8JsonReader(frame);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ConnectionLostException("the server sent a message that is not a JSON object", fatal: true);
            }

            return new ServerMessage(
                root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null,
                root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
                root.TryGetProperty("payload", out var payload) ? payload.Clone() : null);
        }
        catch (JsonException ex)
        {
            throw new ConnectionLostException("the server sent a message that is not JSON", fatal: true, inner: ex);
        }
    }
}
