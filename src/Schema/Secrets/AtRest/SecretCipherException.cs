namespace Coco.Connectors.Secrets.AtRest;

/// <summary>
/// A stored secret cannot be decrypted: its key is not configured, or the ciphertext was changed or damaged. The
/// message names the key id, never any data; requests that meet one are answered as a store failure.
/// </summary>
public sealed class SecretCipherException(string message, string? keyId) : Exception(message)
{
    /// <summary>The key id the ciphertext names (null when even that could not be read).</summary>
    public string? KeyId { get; } = keyId;
}
