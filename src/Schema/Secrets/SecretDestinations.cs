using System.Text.Json.Nodes;

namespace Coco.Connectors.Secrets;

/// <summary>
/// "Secrets follow their destination": a config key that says where credentials are sent (<c>url</c>, <c>uri</c>,
/// <c>endpoint</c>, <c>host</c>, <c>domain</c>, <c>server</c>, <c>address</c>, <c>proxy</c>, their plurals, or a key ending in one, e.g. <c>token_url</c>, <c>apiEndpoint</c>) may
/// change only when the same write resends the connector's stored secrets, so nobody who can edit a connector but
/// does not know its secrets can redirect them to a server of their choosing (GitLab's rule for integrations).
/// Objects are walked at any depth; arrays are compared whole.
/// </summary>
internal static class SecretDestinations
{
    // Plurals too: a list of servers is as much a destination as one. A proxy sees whatever passes through it.
    private static readonly string[] DestinationEndings =
    [
        "url", "urls", "uri", "uris", "endpoint", "endpoints", "host", "hosts", "hostname", "domain",
        "server", "servers", "address", "addresses", "addr", "proxy",
    ];

    /// <summary>
    /// The paths (<c>config.client_secret</c>) of the stored secrets the write must resend: empty when no destination
    /// changed, or when every stored secret that the new config still holds was sent in the write itself (not as the mask).
    /// </summary>
    public static IReadOnlyList<string> SecretsToResend(JsonObject? stored, JsonObject? updated, JsonObject? sent)
    {
        if (stored is null || updated is null || !DestinationChanged(stored, updated))
        {
            return [];
        }

        var missing = new List<string>();
        CollectKept(stored, updated, sent, "config", missing);
        return missing;
    }

    public static bool IsDestinationKey(string key)
    {
        var letters = new string([.. key.Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant();
        return DestinationEndings.Any(ending => letters.EndsWith(ending, StringComparison.Ordinal));
    }

    private static bool DestinationChanged(JsonObject stored, JsonObject updated)
    {
        foreach (var key in stored.Select(p => p.Key).Union(updated.Select(p => p.Key)))
        {
            var before = stored[key];
            var after = updated[key];
            if (before is JsonObject innerBefore && after is JsonObject innerAfter)
            {
                if (DestinationChanged(innerBefore, innerAfter))
                {
                    return true;
                }
            }
            // Compared as masked: a new password inside the same URL (postgres://u:new@same-host) is no redirect.
            else if (IsDestinationKey(key) && !JsonNode.DeepEquals(SecretPolicy.MaskNode(before), SecretPolicy.MaskNode(after)))
            {
                return true;
            }
        }

        return false;
    }

    // A stored secret still present in the new config that the write did not carry itself (omitted, or sent as the mask).
    private static void CollectKept(JsonObject stored, JsonObject updated, JsonObject? sent, string path, List<string> missing)
    {
        foreach (var (key, before) in stored)
        {
            if (before is null || updated[key] is not { } after)
            {
                continue;
            }

            var sentValue = sent?[key];
            if (SecretPolicy.IsSecretKey(key))
            {
                if (sentValue is null || ContainsMask(sentValue))
                {
                    missing.Add($"{path}.{key}");
                }
            }
            else if (before is JsonObject innerBefore && after is JsonObject innerAfter)
            {
                CollectKept(innerBefore, innerAfter, sentValue as JsonObject, $"{path}.{key}", missing);
            }
        }
    }

    private static bool ContainsMask(JsonNode node) => node.ToJsonString().Contains(SecretPolicy.Mask, StringComparison.Ordinal);
}
