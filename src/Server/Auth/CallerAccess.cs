using System.Net;
using Coco.Connectors.Audit;
using Coco.Connectors.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Coco.Connectors.Server.Auth;

/// <summary>Who may go without a token, where a token is found on a request, and the caller a request carries.</summary>
public sealed class CallerAccess(TokenDirectory directory, IOptions<AuthOptions> options)
{
    public const string TokenHeader = "X-API-TOKEN";

    /// <summary>
    /// Protected mode: while no token exists, only this machine is served (anonymously, with every permission), as
    /// Redis does. <c>Auth:AllowAnonymous</c> opens the server to everyone without a token.
    /// </summary>
    public bool InProtectedMode => !directory.HasTokens && !options.Value.AllowAnonymous;

    /// <summary><c>Auth:AllowAnonymous</c>: everyone is served without a token.</summary>
    public bool AllowsAnonymous => options.Value.AllowAnonymous;

    public Caller? AnonymousCaller(HttpContext context) =>
        options.Value.AllowAnonymous ? Caller.Anonymous : !directory.HasTokens && IsLocal(context) ? Caller.Local : null;

    /// <summary>True when a caller without a token is refused only because protected mode serves loopback alone.</summary>
    public bool RefusedByProtectedMode(HttpContext context) => InProtectedMode && !IsLocal(context);

    /// <summary>
    /// A client on this machine: a loopback peer that is not a reverse proxy relaying someone else's request. A proxy
    /// on the same host connects over loopback, so a forwarding header means the real client may be anywhere.
    /// </summary>
    public static bool IsLocal(HttpContext context) =>
        IsLoopback(context.Connection.RemoteIpAddress)
        && !context.Request.Headers.ContainsKey("Forwarded")
        && !context.Request.Headers.ContainsKey("X-Forwarded-For")
        && !context.Request.Headers.ContainsKey("X-Real-IP");

    private static bool IsLoopback(IPAddress? remote) => remote is null || IPAddress.IsLoopback(remote);

    /// <summary>The caller the authentication handler put on the request; null when it was not authenticated.</summary>
    public static Caller? Of(HttpContext context) =>
        context.Items.TryGetValue(Caller.UserContextKey, out var caller) ? caller as Caller : null;

    /// <summary>A GraphQL user context carrying the request's caller (if any) and its id (for the audit log).</summary>
    public static Dictionary<string, object?> UserContext(HttpContext context) =>
        new() { [Caller.UserContextKey] = Of(context), [AuditActor.RequestIdKey] = context.TraceIdentifier };

    /// <summary>Who a write made by this request is recorded for: its caller and the request id the log shows.</summary>
    public static AuditActor Actor(HttpContext context) => AuditActor.For(Of(context), context.TraceIdentifier);

    /// <summary>
    /// The token a request carries, or null. Two different tokens (one in each header) give a token that matches
    /// nothing: a token that is sent is always checked, so a bad one cannot hide behind a good one.
    /// </summary>
    public static string? TokenFrom(IHeaderDictionary headers)
    {
        var direct = headers.TryGetValue(TokenHeader, out var apiToken) ? Single(apiToken) : null;
        var bearer = headers.TryGetValue("Authorization", out var authorization) && Single(authorization) is { } value ? FromBearer(value) : null;
        return direct is not null && bearer is not null && !string.Equals(direct, bearer, StringComparison.Ordinal)
            ? ConflictingTokens
            : direct ?? bearer;
    }

    private const string ConflictingTokens = "";

    /// <summary>The token in an <c>Authorization</c> value (<c>Bearer &lt;token&gt;</c>), or null.</summary>
    public static string? FromBearer(string value)
    {
        const string Scheme = "Bearer ";
        return value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && value[Scheme.Length..].Trim() is { Length: > 0 } token ? token : null;
    }

    private static string? Single(StringValues values) => values.Count == 1 && values[0] is { Length: > 0 } value ? value.Trim() : null;
}
