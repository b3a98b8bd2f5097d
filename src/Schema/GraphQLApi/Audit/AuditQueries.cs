using Coco.Connectors.Audit;
using Coco.Connectors.Auth;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Audit;

/// <summary><c>auditLog</c>: who wrote which connector when, newest first, for callers with <c>coco#connector/audit</c>.</summary>
public static class AuditQueries
{
    public static void AddFields(ObjectGraphType query, AuditLog log)
    {
        query.Field<NonNullGraphType<AuditEntriesConnectionType>>("auditLog")
            .RequirePermission(Permissions.Audit)
            .Description("Writes to connectors, newest first, a page at a time. Needs the `coco#connector/audit` permission.")
            .Argument<IdGraphType>("connectorId", a => a.Description = "Only the writes to this connector.")
            .Argument<IntGraphType>("first", a => a.Description = "How many entries to return (default 20, at most 100; `Audit:*PageSize`).")
            .Argument<StringGraphType>("after", a => a.Description = "Return the entries older than the one with this cursor.")
            .ResolveAsync(async ctx =>
            {
                var connectorId = ctx.GetArgument<string?>("connectorId");
                var size = log.CheckRequest(ctx.GetArgument<int?>("first"), "first", connectorId, "connectorId");
                var after = ctx.GetArgument<string?>("after");
                var before = after is null ? (long?)null : AuditCursor.Decode(after, "after");
                var page = await log.PageAsync(connectorId, before, size, ctx.CancellationToken);
                return new AuditEntriesConnection(page, after is not null);
            });
    }
}
