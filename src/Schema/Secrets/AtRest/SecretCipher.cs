using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Coco.Connectors.Secrets.AtRest;

/// <summary>
/// AES-256-GCM for one stored value. The result is text, so it fits where the value was:
/// <c>cocoenc:v1:&lt;key id&gt;:&lt;base64url(nonce ‖ ciphertext ‖ tag)&gt;</c>. The version tag and key id are
/// authenticated too (associated data), so neither can be altered without decryption failing.
/// </summary>
public sealed class SecretCipher(SecretKeyRing keys)
{
    // Setting a key up costs more than sealing a short value, and an AesGcm instance serves one caller at a time: each
    // key keeps a few ready instances for whoever needs one.
    private const int PooledPerKey = 16;

    /// <summary>How every encrypted value begins; values that begin like this are reserved.</summary>
    public const string Prefix = "cocoenc:v1:";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentBag<AesGcm>> _pools = new(StringComparer.Ordinal);

    public SecretKeyRing Keys { get; } = keys;

    /// <summary>Whether <paramref name="text"/> begins like an encrypted value (writes encrypt such text, whatever it is).</summary>
    public static bool LooksEncrypted(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// The key id of an encrypted value, or null when <paramref name="text"/> is not one: only a well-formed value (a
    /// valid key id, then base64url long enough for nonce and tag) is read as ciphertext, so text that merely begins
    /// like one, stored while no key was active, reads as written.
    /// </summary>
    public static string? KeyIdOf(string text)
    {
        if (!LooksEncrypted(text))
        {
            return null;
        }

        var end = text.IndexOf(':', Prefix.Length);
        if (end <= Prefix.Length || !SecretKeyRing.IsValidKeyId(text[Prefix.Length..end]))
        {
            return null;
        }

        return Base64Url.IsValid(text.AsSpan(end + 1), out var length) && length >= NonceBytes + TagBytes ? text[Prefix.Length..end] : null;
    }

    /// <summary>Whether any string in <paramref name="node"/> would be read as ciphertext (<see cref="KeyIdOf"/>).</summary>
    public static bool HoldsCiphertext(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(p => HoldsCiphertext(p.Value)),
        JsonArray array => array.Any(HoldsCiphertext),
        JsonValue value => value.TryGetValue<string>(out var text) && KeyIdOf(text) is not null,
        _ => false,
    };

    /// <summary>Encrypts <paramref name="plaintext"/> with the active key.</summary>
    public string Encrypt(string plaintext)
    {
        var keyId = Keys.ActiveKeyId ?? throw new InvalidOperationException("No active key: Secrets:Encryption:ActiveKey is not set.");
        Keys.TryGetKey(keyId, out var key);
        var header = Prefix + keyId + ":";
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        var aes = Rent(keyId, key);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.ASCII.GetBytes(header));
        Return(keyId, aes);

        return header + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The plaintext of an encrypted value.</summary>
    /// <exception cref="SecretCipherException">The key is not configured, or the value is malformed or was altered.</exception>
    public string Decrypt(string encrypted)
    {
        var keyId = KeyIdOf(encrypted) ?? throw new SecretCipherException("a stored secret is malformed (not a well-formed encrypted value)", null);

        if (!Keys.TryGetKey(keyId, out var key))
        {
            throw new SecretCipherException(
                $"a stored secret is encrypted with key '{keyId}', which is not configured (Secrets:Encryption:Keys:{keyId})", keyId);
        }

        var header = Prefix + keyId + ":";
        var payload = encrypted.AsSpan(header.Length);
        var sealedBytes = Base64Url.DecodeFromChars(payload);
        var cipherLength = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[cipherLength];
        var aes = Rent(keyId, key);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, cipherLength), sealedBytes.AsSpan(NonceBytes + cipherLength), plain, Encoding.ASCII.GetBytes(header));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretCipherException(
                $"a stored secret encrypted with key '{keyId}' fails authentication: it was altered or damaged, or Secrets:Encryption:Keys:{keyId} is not the key it was encrypted with", keyId);
        }
        finally
        {
            Return(keyId, aes);
        }

        return Encoding.UTF8.GetString(plain);
    }

    private AesGcm Rent(string keyId, byte[] key) =>
        _pools.TryGetValue(keyId, out var pool) && pool.TryTake(out var aes) ? aes : new AesGcm(key, TagBytes);

    private void Return(string keyId, AesGcm aes)
    {
        var pool = _pools.GetOrAdd(keyId, _ => []);
        if (pool.Count < PooledPerKey)
        {
            pool.Add(aes);
        }
        else
        {
            aes.Dispose();
        }
    }
}
