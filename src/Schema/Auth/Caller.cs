namespace Coco.Connectors.Auth;

/// <summary>
/// Who sent a request, as the transports hand it to GraphQL (under <see cref="UserContextKey"/>) and REST checks it:
/// a token's name and permissions, or the anonymous caller that protected mode (loopback, no tokens) lets in.
/// </summary>
public sealed record Caller(string Name, IReadOnlySet<string> Permissions)
{
    public const string UserContextKey = "coco.caller";

    /// <summary>The caller without a token where <c>Auth:AllowAnonymous</c> serves everyone: everything is allowed.</summary>
    public static Caller Anonymous { get; } = new("anonymous", new HashSet<string>(StringComparer.Ordinal) { Auth.Permissions.All });

    /// <summary>The caller without a token on this machine while protected mode serves loopback alone: everything is allowed.</summary>
    public static Caller Local { get; } = new("local", new HashSet<string>(StringComparer.Ordinal) { Auth.Permissions.All });

    /// <summary>False for <see cref="Anonymous"/> and <see cref="Local"/>: a caller that sent no token.</summary>
    public bool HasToken => !ReferenceEquals(this, Anonymous) && !ReferenceEquals(this, Local);

    public bool Has(string permission) => Permissions.Contains(Auth.Permissions.All) || Permissions.Contains(permission);

    /// <summary>The caller a GraphQL user context carries; null when the request was not authenticated.</summary>
    public static Caller? From(IDictionary<string, object?>? userContext) =>
        userContext is not null && userContext.TryGetValue(UserContextKey, out var value) ? value as Caller : null;
}
