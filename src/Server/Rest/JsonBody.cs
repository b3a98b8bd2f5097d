using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Server.Hosting;
using Coco.Connectors.Server.Json;

namespace Coco.Connectors.Server.Rest;

/// <summary>Reads a request body that must be one JSON object, with a reason a person can act on when it is not.</summary>
public static class JsonBody
{
    public sealed record Outcome(JsonObject? Value, IResult? Error);

    public static async Task<Outcome> ReadObjectAsync(HttpRequest request, bool allowEmpty, CancellationToken ct)
    {
        // Only JSON media types: text/plain and form bodies are what a foreign page can send without a CORS preflight.
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if ((hasBody || !allowEmpty) && !IsJson(request.ContentType))
        {
            return new Outcome(null, CocoResponses.Error(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                $"the request body must be sent as Content-Type: application/json (or a +json type), not '{request.ContentType ?? "none"}'"));
        }

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

        if (!StrictJson.TryParse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), out var document, out var problem))
        {
            return Fail($"the request body {problem.Detail}");
        }

        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind switch
            {
                // Cloned: the document lives on the request buffer, which the node outlives.
                JsonValueKind.Object => new Outcome(JsonObject.Create(root.Clone()), null),
                JsonValueKind.Array => Fail("the request body must be a JSON object, not an array"),
                JsonValueKind.Null => Fail("the request body must be a JSON object, not null"),
                _ => Fail($"the request body must be a JSON object, not a {root.ValueKind.ToString().ToLowerInvariant()}"),
            };
        }
    }

    /// <summary><c>application/json</c> or a <c>+json</c> type, in UTF-8 when a charset is named.</summary>
    public static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && (parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (parsed.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && parsed.SubType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        && (parsed.Charset.Length == 0 || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static bool IsWhitespace(MemoryStream buffer) =>
        buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOfAnyExcept(" \t\r\n"u8) < 0;

    private static Outcome Fail(string reason) => new(null, CocoResponses.BadRequest(reason));
}
