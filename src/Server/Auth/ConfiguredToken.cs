namespace Coco.Connectors.Server.Auth;

/// <summary>A token declared in configuration: its hash (from <c>tokens hash</c>) and permissions, optionally an expiry.</summary>
public sealed class ConfiguredToken
{
    /// <summary>HMAC-SHA-256 of the token under <see cref="AuthOptions.TokenKey"/>, hex.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Comma-separated permission names.</summary>
    public string Permissions { get; set; } = "";

    public DateTimeOffset? Expires { get; set; }
}
