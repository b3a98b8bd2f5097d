namespace Coco.Connectors.Server.Auth;

/// <summary>The <c>Auth</c> configuration section: API tokens, protected mode and what anonymous callers may do.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// The HMAC key tokens are hashed with (base64, at least 32 bytes). Unset with SQLite: a key file created beside the
    /// database, owner-only. PostgreSQL (several instances) needs it set, the same on every instance.
    /// </summary>
    public string? TokenKey { get; set; }

    /// <summary>Serve callers without a token from anywhere, with every permission. Logged as a warning at every start.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Let callers without a token run introspection (<c>__schema</c>, <c>__type</c>); off by default.</summary>
    public bool AnonymousIntrospection { get; set; }

    /// <summary>How often tokens are re-read from the store: the most a revoked token keeps working (and its sockets open).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Tokens from configuration (for containers): <c>Auth:Tokens:&lt;name&gt;:Hash</c> and <c>:Permissions</c>.</summary>
    public Dictionary<string, ConfiguredToken> Tokens { get; set; } = new(StringComparer.Ordinal);
}
