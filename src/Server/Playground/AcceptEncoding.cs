using Microsoft.Net.Http.Headers;

namespace Coco.Connectors.Server.Playground;

/// <summary>Picks the content coding of a precompressed file from <c>Accept-Encoding</c> (RFC 9110 §12.5.3).</summary>
internal static class AcceptEncoding
{
    // Smallest first: brotli wins a tie with gzip.
    private static readonly string[] Preference = ["br", "gzip"];

    /// <summary>The best of <paramref name="available"/> that the client accepts, or <c>identity</c>.</summary>
    public static string Choose(IList<StringWithQualityHeaderValue> accepted, IReadOnlyDictionary<string, string> available)
    {
        var best = PlaygroundAssets.Identity;
        var bestQuality = 0.0;
        foreach (var coding in Preference.Where(available.ContainsKey))
        {
            var quality = QualityOf(accepted, coding);
            if (quality > bestQuality)
            {
                best = coding;
                bestQuality = quality;
            }
        }

        return best;
    }

    private static double QualityOf(IList<StringWithQualityHeaderValue> accepted, string coding)
    {
        double? wildcard = null;
        foreach (var entry in accepted)
        {
            if (entry.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Quality ?? 1.0;
            }

            if (entry.Value.Equals("*", StringComparison.Ordinal))
            {
                wildcard = entry.Quality ?? 1.0;
            }
        }

        return wildcard ?? 0.0;
    }
}
