using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Server.Hosting;

namespace Coco.Connectors.Server.Rest;

/// <summary>Reads a request body that must be one JSON object, with a reason a person can act on when it is not.</summary>
public static class JsonBody
{
    public sealed record Outcome(JsonObject? Value, IResult? Error);

    public static async Task<Outcome> ReadObjectAsync(HttpRequest request, bool allowEmpty, CancellationToken ct)
    {
        JsonNode? node;
        try
        {
            using var buffer = await RequestBody.ReadAsync(request, RequestBody.DefaultMaxBytes, ct);
            if (buffer is null)
            {
                return new Outcome(null, CocoResponses.Error(StatusCodes.Status413PayloadTooLarge, "payload_too_large",
                    $"the request body is larger than the {RequestBody.DefaultMaxBytes} bytes allowed"));
            }

            if (buffer.Length == 0 || IsWhitespace(buffer))
            {
                return allowEmpty ? new Outcome(null, null) : Fail("the request body is empty; send a JSON object");
            }

            if (!RequestBody.IsUtf8(buffer))
            {
                return Fail("the request body is not valid UTF-8");
            }

            node = await JsonNode.ParseAsync(buffer, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            // Position only: the parser's message can quote the body, and the body may hold a secret.
            return Fail($"the request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }

        return node switch
        {
            JsonObject obj => new Outcome(obj, null),
            JsonArray => Fail("the request body must be a JSON object, not an array"),
            null => Fail("the request body must be a JSON object, not null"),
            _ => Fail($"the request body must be a JSON object, not a {node.GetValueKind().ToString().ToLowerInvariant()}"),
        };
    }

    private static bool IsWhitespace(MemoryStream buffer) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOfAnyExcept(" \t\r\n"u8) < 0;

    private static Outcome Fail(string reason) => new(null, CocoResponses.BadRequest(reason));
}
