using Coco.Connectors.Auth;

namespace Coco.Connectors.Audit;

/// <summary>Who a write is made for, as the audit log records it: a caller's name and, when known, the request's id.</summary>
public sealed record AuditActor(string Caller, string? RequestId)
{
    /// <summary>Where the transports put the request's id in a GraphQL user context (next to the caller).</summary>
    public const string RequestIdKey = "coco.requestId";

    /// <summary>The server's own writes (seeding the built-ins, tools writing directly).</summary>
    public static AuditActor System { get; } = new("system", null);

    public static AuditActor For(Caller? caller, string? requestId) => new(caller?.Name ?? Auth.Caller.Anonymous.Name, requestId);

    /// <summary>The actor of a GraphQL request: its caller and, over HTTP and SSE, its request id.</summary>
    public static AuditActor From(IDictionary<string, object?>? userContext) => For(
        Auth.Caller.From(userContext),
        userContext is not null && userContext.TryGetValue(RequestIdKey, out var id) ? id as string : null);
}
