using System.Security.Cryptography;
using System.Text;

namespace Coco.Connectors.Secrets.AtRest;

/// <summary>The configured encryption keys, checked: each id well-formed, each key 256 bits, the active one present.</summary>
public sealed class SecretKeyRing
{
    /// <summary>Key ids are written into every ciphertext and matched by SQL <c>LIKE</c>, so they keep to a plain alphabet.</summary>
    public const int KeyIdMaxLength = 32;

    public const int KeyBytes = 32;

    private readonly Dictionary<string, byte[]> _keys;

    private SecretKeyRing(Dictionary<string, byte[]> keys, string? activeKeyId)
    {
        _keys = keys;
        ActiveKeyId = activeKeyId;
        Fingerprint = ComputeFingerprint(keys, activeKeyId);
    }

    /// <summary>The key new writes use; null when secrets are written in plain text (decrypt-only).</summary>
    public string? ActiveKeyId { get; }

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>A digest of the whole ring (ids, keys, active id), so equal configurations can share what is built from them.</summary>
    public string Fingerprint { get; }

    /// <summary>The ring the options describe, or null when no key is configured (encryption off).</summary>
    /// <exception cref="InvalidOperationException">The configuration is malformed; the message says which setting.</exception>
    public static SecretKeyRing? From(SecretEncryptionOptions options)
    {
        var active = string.IsNullOrWhiteSpace(options.ActiveKey) ? null : options.ActiveKey.Trim();
        if (options.Keys.Count == 0 && active is null)
        {
            return null;
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, value) in options.Keys)
        {
            if (!IsValidKeyId(id))
            {
                throw new InvalidOperationException(
                    $"{SecretEncryptionOptions.Section}:Keys:{id}: a key id is 1 to {KeyIdMaxLength} characters of a-z, 0-9 and '-' (e.g. 2026-11).");
            }

            keys[id] = DecodeKey(id, value);
        }

        if (active is not null && !keys.ContainsKey(active))
        {
            throw new InvalidOperationException(
                $"{SecretEncryptionOptions.Section}:ActiveKey '{active}' names no key; configure {SecretEncryptionOptions.Section}:Keys:{active}.");
        }

        return new SecretKeyRing(keys, active);
    }

    public bool TryGetKey(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    public static bool IsValidKeyId(string id) =>
        id.Length is > 0 and <= KeyIdMaxLength && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static byte[] DecodeKey(string id, string? value)
    {
        var buffer = new byte[KeyBytes + 1];
        if (string.IsNullOrWhiteSpace(value) || !Convert.TryFromBase64String(value.Trim(), buffer, out var length) || length != KeyBytes)
        {
            throw new InvalidOperationException(
                $"{SecretEncryptionOptions.Section}:Keys:{id} must be a base64-encoded 256-bit key (32 bytes), e.g. the output of `openssl rand -base64 32`.");
        }

        return buffer[..KeyBytes];
    }

    private static string ComputeFingerprint(Dictionary<string, byte[]> keys, string? active)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(active ?? ""));
        foreach (var (id, key) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes("\n" + id + "\n"));
            hash.AppendData(key);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
