using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Server.Transport.Http;

namespace Coco.Connectors.Server.Rest;

/// <summary>
/// A REST body serialized into memory up to the same ceiling GraphQL responses have, so a page of large connectors
/// is refused with a reason instead of being sent however big it grew.
/// </summary>
internal static class BoundedJson
{
    public static async Task<IResult> ResultAsync(JsonObject body, long maxBytes, CancellationToken ct)
    {
        // Disposing a MemoryStream leaves its array intact, so the result may still send it.
        await using var buffer = new ResponseBuffer(maxBytes);
        try
        {
            await JsonSerializer.SerializeAsync(buffer, body, cancellationToken: ct);
        }
        catch (ResponseTooLargeException)
        {
            return TooLarge(maxBytes);
        }

        return Results.Bytes(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), "application/json; charset=utf-8");
    }

    /// <summary>The refusal of a search whose answer would pass <paramref name="maxBytes"/>, saying how to ask for less.</summary>
    public static IResult TooLarge(long maxBytes) =>
        CocoResponses.Error(StatusCodes.Status400BadRequest, "response_too_large", string.Create(CultureInfo.InvariantCulture,
            $"the response would be larger than the {maxBytes:N0} bytes allowed; ask for fewer hits (size) or leave config out (_source_excludes=config)"));
}
