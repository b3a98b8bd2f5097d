namespace Coco.Connectors.Secrets.AtRest;

/// <summary>
/// The <c>Secrets:Encryption</c> configuration section: the keys that may have encrypted stored secrets, by id, and the
/// one new writes use. No keys (the default) leaves secrets stored as written, as before.
/// </summary>
public sealed class SecretEncryptionOptions
{
    public const string Section = "Secrets:Encryption";

    /// <summary>Key id → base64 of a 256-bit key (<c>openssl rand -base64 32</c>). Old keys stay here until rotated out.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The key new writes encrypt with; empty with keys configured means "decrypt only" (turning encryption off).</summary>
    public string? ActiveKey { get; set; }
}
