using System.Text;
using System.Text.Json.Nodes;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Secrets;

/// <summary>
/// The one place that decides what is secret in a connector: used for masking every read path, for keeping secrets
/// that come back as the mask on writes, for sizing a config without revealing its secrets, and by the error scrubber.
/// Two kinds of secret: every value under a secret key (<see cref="IsSecretKey"/>), and the password in the userinfo
/// of any URL (<c>postgres://u:******@h/db</c>), in config strings and in the connector's own <c>url</c>.
/// </summary>
public static class SecretPolicy
{
    /// <summary>What a secret value reads as, everywhere.</summary>
    public const string Mask = "******";

    /// <summary>
    /// Whether a config key names a credential, by its words (docs/decisions.md has the table): <c>api_key</c>,
    /// <c>apiKey</c>, <c>API-KEY</c>, <c>tokens</c>, <c>DB_PASS</c>, <c>headers.Authorization</c> are;
    /// <c>max_tokens</c>, <c>use_oauth</c>, <c>project_key</c>, <c>token_url</c> are not.
    /// </summary>
    public static bool IsSecretKey(string key) => SecretKeyNames.IsSecret(key);

    /// <summary>A deep copy of <paramref name="config"/> with every secret replaced by <see cref="Mask"/>.</summary>
    public static JsonObject? MaskConfig(JsonObject? config) => config is null ? null : (JsonObject)MaskNode(config)!;

    /// <summary>A deep copy of any JSON value with every secret inside it masked.</summary>
    public static JsonNode? MaskNode(JsonNode? node) => node switch
    {
        JsonObject obj => MaskObject(obj),
        JsonArray array => new JsonArray([.. array.Select(MaskNode)]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(UrlPasswords.Mask(text)),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>The text with the password of every URL in it masked; other text is returned as it is.</summary>
    public static string? MaskUrlPasswords(string? text) => text is null ? null : UrlPasswords.Mask(text);

    /// <summary>The passwords of the URLs in a text (the error scrubber looks for them in messages).</summary>
    public static IEnumerable<string> UrlPasswordsIn(string text) =>
        UrlPasswords.Find(text).Select(span => text.Substring(span.Start, span.Length));

    private static JsonObject MaskObject(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            copy[key] = value is not null && IsSecretKey(key) ? JsonValue.Create(Mask) : MaskNode(value);
        }

        return copy;
    }

    /// <summary>
    /// The stored secrets a write must resend because it changes where credentials go (see
    /// <see cref="SecretDestinations"/>): <paramref name="sent"/> is the config as the request carried it.
    /// </summary>
    public static IReadOnlyList<string> SecretsToResend(JsonObject? stored, JsonObject? updated, JsonObject? sent) =>
        SecretDestinations.SecretsToResend(stored, updated, sent);

    /// <summary>
    /// Puts the stored secret back wherever an incoming config carries the mask for one, so that a read-modify-write
    /// through any read path never destroys a secret: a masked value under a secret key (at any depth, inside arrays
    /// too) or a masked URL password. Returns the masks that stand for no stored secret (the caller rejects those).
    /// </summary>
    public static IReadOnlyList<UnresolvedMask> RestoreMasked(JsonObject incoming, JsonObject? stored)
    {
        var restorer = new MaskRestorer();
        restorer.RestoreObject(incoming, stored, "config");
        return restorer.Unresolved;
    }

    /// <summary>
    /// <paramref name="incoming"/> with its masked URL passwords taken from <paramref name="stored"/>, for a text field
    /// such as the connector's <c>url</c>; <paramref name="unresolved"/> says when a mask stands for nothing.
    /// </summary>
    public static string RestoreMaskedUrls(string incoming, string? stored, string path, out UnresolvedMask? unresolved)
    {
        var restorer = new MaskRestorer();
        var restored = restorer.RestoreText(incoming, stored, path);
        unresolved = restorer.Unresolved.FirstOrDefault();
        return restored;
    }

    /// <summary>Every secret in a config: its path, its size as UTF-8 JSON and how deeply it nests.</summary>
    public static IReadOnlyList<SecretValue> SecretValues(JsonObject config)
    {
        var found = new List<SecretValue>();
        CollectSecrets(config, "config", found);
        return found;
    }

    private static void CollectSecrets(JsonNode? node, string path, List<SecretValue> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is not null && IsSecretKey(key))
                    {
                        found.Add(new SecretValue($"{path}.{key}", Encoding.UTF8.GetByteCount(value.ToJsonString()), JsonDepth.Of(value)));
                    }
                    else
                    {
                        CollectSecrets(value, $"{path}.{key}", found);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CollectSecrets(array[i], $"{path}[{i}]", found);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                foreach (var span in UrlPasswords.Find(text))
                {
                    found.Add(new SecretValue(path, Encoding.UTF8.GetByteCount(text.AsSpan(span.Start, span.Length)), 0));
                }

                break;
        }
    }
}
