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

    // A key is secret when its lower-cased name is, or ends with, one of these (CONTRACT §4).
    private static readonly string[] SecretSuffixes =
    [
        "password", "passwd", "secret", "token", "api_key", "apikey", "private_key", "access_key",
        "secret_access_key", "client_secret", "credential", "credentials", "connection_uri",
        "connection_string", "dsn", "auth",
    ];

    // Fields the built-in connectors declare secret that the suffix rule does not catch (coco-server-facts §4.3).
    private static readonly HashSet<string> DeclaredSecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_key_id",
    };

    public static bool IsSecretKey(string key)
    {
        if (DeclaredSecretKeys.Contains(key))
        {
            return true;
        }

        foreach (var suffix in SecretSuffixes)
        {
            if (key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A deep copy of <paramref name="config"/> with every secret value replaced by <see cref="Mask"/>.</summary>
    public static JsonObject? MaskConfig(JsonObject? config) => config is null ? null : (JsonObject)MaskNode(config)!;

    private static JsonNode? MaskNode(JsonNode? node) => node switch
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

    /// <summary>Every secret value in <paramref name="config"/>, to scrub from text that could reach a log.</summary>
    public static IEnumerable<string> SecretValues(JsonObject? config)
    {
        if (config is null)
        {
            yield break;
        }

        foreach (var (key, value) in config)
        {
            if (value is null)
            {
                continue;
            }

            if (IsSecretKey(key))
            {
                yield return value.ToJsonString();
                if (value is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    yield return s;
                }
            }
            else if (value is JsonObject child)
            {
                foreach (var s in SecretValues(child))
                {
                    yield return s;
                }
            }
            else if (value is JsonArray array)
            {
                foreach (var s in array.OfType<JsonObject>().SelectMany(SecretValues))
                {
                    yield return s;
                }
            }
        }
    }
}
