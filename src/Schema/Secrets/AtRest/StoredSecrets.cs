using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coco.Connectors.Secrets.AtRest;

/// <summary>
/// Secrets at the storage boundary: what <see cref="SecretPolicy"/> calls secret in a config (every value under a
/// secret key, every string holding a URL password) and the connector's password-bearing url are encrypted on their way
/// into the store and decrypted on their way out, so everything above the store sees them as before.
/// </summary>
public sealed class StoredSecrets(SecretCipher cipher)
{
    public SecretKeyRing Keys => cipher.Keys;

    /// <summary>Tells models built for different key rings apart.</summary>
    public string Fingerprint => cipher.Keys.Fingerprint;

    /// <summary>The config as stored: JSON text with its secrets encrypted (in plain text while no key is active).</summary>
    public string ProtectConfig(JsonObject config) =>
        (cipher.Keys.ActiveKeyId is null ? config : (JsonObject)Protect(config)!).ToJsonString(JsonSerializerOptions.Default);

    /// <summary>The config read from the store, its secrets decrypted.</summary>
    /// <exception cref="SecretCipherException">A secret cannot be decrypted.</exception>
    public JsonObject ReadConfig(string stored)
    {
        var config = JsonNode.Parse(stored, null, default)!.AsObject();
        if (stored.Contains(SecretCipher.Prefix, StringComparison.Ordinal))
        {
            OpenWithin(config);
        }

        return config;
    }

    /// <summary>A text column that is secret as a whole (the url with its password), as stored.</summary>
    public string ProtectText(string value) => cipher.Keys.ActiveKeyId is null ? value : cipher.Encrypt(value);

    /// <summary>A text column read from the store, decrypted.</summary>
    public string ReadText(string stored) => SecretCipher.KeyIdOf(stored) is not null ? cipher.Decrypt(stored) : stored;

    // Values under secret keys and strings with URL passwords are sealed whole; so is any string that merely looks
    // encrypted, so that reading it back cannot mistake it for ciphertext.
    private JsonNode? Protect(JsonNode? node) => node switch
    {
        JsonObject obj => ProtectObject(obj),
        JsonArray array => new JsonArray([.. array.Select(Protect)]),
        JsonValue value when value.TryGetValue<string>(out var text)
            && (SecretCipher.LooksEncrypted(text) || SecretPolicy.UrlPasswordsIn(text).Any()) => Seal(value),
        null => null,
        _ => node.DeepClone(),
    };

    private JsonObject ProtectObject(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            copy[key] = value is not null && SecretPolicy.IsSecretKey(key) ? Seal(value) : Protect(value);
        }

        return copy;
    }

    private JsonValue Seal(JsonNode value) => JsonValue.Create(cipher.Encrypt(value.ToJsonString(JsonSerializerOptions.Default)));

    private JsonNode? Open(string encrypted) => JsonNode.Parse(cipher.Decrypt(encrypted), null, default);

    private void OpenWithin(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                List<KeyValuePair<string, JsonNode?>>? opened = null;
                foreach (var (key, value) in obj)
                {
                    if (EncryptedText(value) is { } text)
                    {
                        (opened ??= []).Add(new(key, Open(text)));
                    }
                    else if (value is not null)
                    {
                        OpenWithin(value);
                    }
                }

                foreach (var (key, value) in opened ?? [])
                {
                    obj[key] = value;
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (EncryptedText(array[i]) is { } text)
                    {
                        array[i] = Open(text);
                    }
                    else if (array[i] is { } item)
                    {
                        OpenWithin(item);
                    }
                }

                break;
        }
    }

    private static string? EncryptedText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && SecretCipher.KeyIdOf(text) is not null ? text : null;

    /// <summary>
    /// How each secret of a stored row is kept: the key id it is encrypted with, or null for plain text. Reads the
    /// stored text only (no key needed), for <c>secrets status</c>, the rotation and the startup check.
    /// </summary>
    public static IReadOnlyList<string?> KeyIdsOf(string? storedConfig, string? storedUrl)
    {
        var found = new List<string?>();
        if (storedConfig is not null && JsonNode.Parse(storedConfig, null, default) is { } config)
        {
            Collect(config, secret: false, found);
        }

        if (storedUrl is not null)
        {
            found.Add(SecretCipher.KeyIdOf(storedUrl)); // plain text (null) or its key
        }

        return found;
    }

    /// <summary>Every encrypted value of a stored row (wherever it sits), read from the stored text: no key needed.</summary>
    public static IEnumerable<string> EncryptedValuesOf(string? storedConfig, string? storedUrl)
    {
        if (storedUrl is not null && SecretCipher.KeyIdOf(storedUrl) is not null)
        {
            yield return storedUrl;
        }

        if (storedConfig is null || !storedConfig.Contains(SecretCipher.Prefix, StringComparison.Ordinal))
        {
            yield break;
        }

        var pending = new Stack<JsonNode?>([JsonNode.Parse(storedConfig, null, default)]);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (_, child) in obj)
                    {
                        pending.Push(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        pending.Push(item);
                    }

                    break;
                case JsonValue value when EncryptedText(value) is { } text:
                    yield return text;
                    break;
            }
        }
    }

    private static void Collect(JsonNode node, bool secret, List<string?> found)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            if (SecretCipher.KeyIdOf(text) is { } keyId)
            {
                found.Add(keyId);
            }
            else if (secret || SecretPolicy.UrlPasswordsIn(text).Any())
            {
                found.Add(null);
            }

            return;
        }

        if (secret)
        {
            found.Add(null);
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, SecretPolicy.IsSecretKey(key), found);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Collect(item, secret: false, found);
                    }
                }

                break;
        }
    }
}
