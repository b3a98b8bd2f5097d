using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Coco.Connectors.Server.Transport.Http;

/// <summary>Content negotiation for <c>/graphql</c> (GraphQL over HTTP §Accept, CONTRACT §3).</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static string ContentTypeOf(GraphQLResponseType type) =>
        (type == GraphQLResponseType.Json ? Json : GraphQLResponseJson) + "; charset=utf-8";

    /// <summary>
    /// The response type for an <c>Accept</c> header, or null when none it lists can be served (406). No header,
    /// <c>*/*</c> and <c>application/*</c> mean <c>application/json</c> (CONTRACT §3); the newer
    /// <c>application/graphql-response+json</c> is used only when the client names it, and wins ties.
    /// </summary>
    public static GraphQLResponseType? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return GraphQLResponseType.Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return null;
        }

        var json = Quality(ranges, Json, allowWildcards: true);
        var graphQLResponse = Quality(ranges, GraphQLResponseJson, allowWildcards: false);
        if (json <= 0 && graphQLResponse <= 0)
        {
            return null;
        }

        return graphQLResponse >= json ? GraphQLResponseType.GraphQLResponseJson : GraphQLResponseType.Json;
    }

    /// <summary>Whether the client names <paramref name="mediaType"/> itself (not through a wildcard) with q &gt; 0.</summary>
    public static bool Names(StringValues accept, string mediaType) =>
        MediaTypeHeaderValue.TryParseList(accept, out var ranges) && Quality(ranges, mediaType, allowWildcards: false) > 0;

    // The q of the most specific range matching the type (RFC 9110 §12.5.1); 0 when none matches. Matching is by
    // name: MediaTypeHeaderValue.IsSubsetOf would let application/json match application/graphql-response+json.
    private static double Quality(IList<MediaTypeHeaderValue> ranges, string mediaType, bool allowWildcards)
    {
        var type = mediaType[..mediaType.IndexOf('/')];
        var best = -1;
        var quality = 0.0;
        foreach (var range in ranges)
        {
            var specificity = range.MatchesAllTypes ? 0 : range.MatchesAllSubTypes ? 1 : 2;
            var matches = specificity switch
            {
                2 => range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase),
                1 => range.Type.Equals(type, StringComparison.OrdinalIgnoreCase),
                _ => true,
            };
            if (!matches || (specificity < 2 && !allowWildcards) || specificity <= best)
            {
                continue;
            }

            best = specificity;
            quality = range.Quality ?? 1.0;
        }

        return quality;
    }

    /// <summary>Whether a POST body's <c>Content-Type</c> is JSON in UTF-8 (the only request encoding we read).</summary>
    public static bool IsJsonRequest(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
        && (parsed.Charset.Length == 0 || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
