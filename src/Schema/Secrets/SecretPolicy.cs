using System.Text.Json.Nodes;

namespace Coco.Connectors.Secrets;

/// <summary>
/// The one place that decides what is secret in a connector's <c>config</c>: used for masking every read path,
/// for keeping secrets that come back as the mask on writes, and for refusing to filter or sort on them.
/// </summary>
public static class SecretPolicy
{
    /// <summary>What a secret value reads as, everywhere.</summary>
    public const string Mask = "******";

    // A key is secret when its name is, or ends with, one of these (CONTRACT §4), compared without case and without
    // word separators, so api_key, apiKey, api-key and APIKEY are one name; a plural (tokens, passwords) counts too.
    private static readonly string[] SecretSuffixes =
    [
        "password", "passwd", "secret", "token", "apikey", "privatekey", "accesskey", "secretaccesskey",
        "clientsecret", "credential", "credentials", "connectionuri", "connectionstring", "dsn", "auth",
    ];

    // Fields the built-in connectors declare secret that the suffix rule does not catch (coco-server-facts §4.3).
    private static readonly string[] DeclaredSecretKeys = ["accesskeyid"];

    public static bool IsSecretKey(string key)
    {
        // Only the end of a key decides; 256 characters of it are plenty.
        var tail = key.AsSpan(Math.Max(0, key.Length - 256));
        Span<char> name = stackalloc char[tail.Length];
        var length = 0;
        foreach (var c in tail)
        {
            if (c is not ('_' or '-' or '.' or ' '))
            {
                name[length++] = char.ToLowerInvariant(c);
            }
        }

        ReadOnlySpan<char> normalized = name[..length];
        var singular = normalized.EndsWith("s") ? normalized[..^1] : normalized;
        foreach (var declared in DeclaredSecretKeys)
        {
            if (normalized.SequenceEqual(declared))
            {
                return true;
            }
        }

        foreach (var suffix in SecretSuffixes)
        {
            if (normalized.EndsWith(suffix) || singular.EndsWith(suffix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A deep copy of <paramref name="config"/> with every secret value replaced by <see cref="Mask"/>.</summary>
    public static JsonObject? MaskConfig(JsonObject? config) => config is null ? null : (JsonObject)MaskNode(config)!;

    /// <summary>A deep copy of any JSON value with every secret-keyed value inside it masked.</summary>
    public static JsonNode? MaskNode(JsonNode? node) => node switch
    {
        JsonObject obj => MaskObject(obj),
        JsonArray array => new JsonArray([.. array.Select(MaskNode)]),
        null => null,
        _ => node.DeepClone(),
    };

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
    /// Puts the stored secret back wherever an incoming config carries the mask for a secret key, so that a
    /// read-modify-write through any read path never destroys a secret. Returns the paths of masks that have no
    /// stored secret to stand for (the caller rejects those).
    /// </summary>
    public static IReadOnlyList<string> RestoreMasked(JsonObject incoming, JsonObject? stored)
    {
        var unresolved = new List<string>();
        RestoreObject(incoming, stored, "config", unresolved);
        return unresolved;
    }

    private static void RestoreObject(JsonObject incoming, JsonObject? stored, string path, List<string> unresolved)
    {
        foreach (var key in incoming.Select(p => p.Key).ToList())
        {
            var value = incoming[key];
            var storedValue = stored?[key];
            var childPath = $"{path}.{key}";
            if (IsSecretKey(key) && IsMask(value))
            {
                if (storedValue is null)
                {
                    unresolved.Add(childPath);
                }
                else
                {
                    incoming[key] = storedValue.DeepClone();
                }
            }
            else
            {
                RestoreChild(value, storedValue, childPath, unresolved);
            }
        }
    }

    private static void RestoreChild(JsonNode? value, JsonNode? stored, string path, List<string> unresolved)
    {
        switch (value)
        {
            case JsonObject obj:
                RestoreObject(obj, stored as JsonObject, path, unresolved);
                break;
            case JsonArray array:
                var storedArray = stored as JsonArray;
                for (var i = 0; i < array.Count; i++)
                {
                    RestoreChild(array[i], storedArray is not null && i < storedArray.Count ? storedArray[i] : null,
                        $"{path}[{i}]", unresolved);
                }

                break;
        }
    }

    private static bool IsMask(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text == Mask;
}
