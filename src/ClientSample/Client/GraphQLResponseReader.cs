using System.Net;
using System.Text;
using System.Text.Json;

namespace Coco.Connectors.Client;

/// <summary>
/// The one reading of a GraphQL response (an HTTP body or a subscription's <c>next</c> payload): any error in
/// <c>errors</c> becomes a <see cref="GraphQLRequestException"/>, otherwise <c>data</c> is the result.
/// </summary>
internal static class GraphQLResponseReader
{
    /// <summary>The response's <c>data</c>, standalone (cloned) so it outlives the parsed document.</summary>
    public static JsonElement ReadData(JsonElement response, HttpStatusCode? status)
    {
        if (response.ValueKind != JsonValueKind.Object)
        {
            throw new GraphQLResponseException("The server's answer is not a GraphQL response (not a JSON object).");
        }

        if (response.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            throw new GraphQLRequestException(ReadErrors(errors), status);
        }

        if (!response.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new GraphQLResponseException("The server's GraphQL response has neither data nor errors.");
        }

        return data.Clone();
    }

    /// <summary>A JSON array of GraphQL errors (the <c>errors</c> of a response, or an <c>error</c> message's payload).</summary>
    public static IReadOnlyList<GraphQLError> ReadErrors(JsonElement errors)
    {
        if (errors.ValueKind != JsonValueKind.Array)
        {
            return [new GraphQLError("The server sent an error without details.", null, null, null)];
        }

        return [.. errors.EnumerateArray().Select(ReadError)];
    }

    private static GraphQLError ReadError(JsonElement error)
    {
        var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : "The server sent an error without a message.";
        JsonElement? extensions = null;
        string? code = null;
        if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("extensions", out var ext) && ext.ValueKind == JsonValueKind.Object)
        {
            extensions = ext.Clone();
            code = ext.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        }

        return new GraphQLError(message, code, ReadPath(error), extensions);
    }

    private static string? ReadPath(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object || !error.TryGetProperty("path", out var path) || path.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var segment in path.EnumerateArray())
        {
            text.Append(text.Length > 0 ? "." : "").Append(segment.ValueKind == JsonValueKind.String ? segment.GetString() : segment.GetRawText());
        }

        return text.ToString();
    }
}
