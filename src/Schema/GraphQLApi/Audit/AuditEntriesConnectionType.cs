using Coco.Connectors.Audit;
using Coco.Connectors.GraphQLApi.Paging;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Audit;

/// <summary>The connection returned by <c>auditLog</c> (HotChocolate names it after the field's item type).</summary>
public sealed class AuditEntriesConnectionType : ObjectGraphType<AuditEntriesConnection>
{
    public AuditEntriesConnectionType()
    {
        Name = "AuditEntriesConnection";
        Description = "A page of the audit log, newest first, with cursors that stay valid while entries are added.";
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Paging information for this page.").Resolve(ctx => ToPageInfo(ctx.Source));
        Field<ListGraphType<NonNullGraphType<AuditEntriesEdgeType>>>("edges").Description("The entries of this page, each with its cursor.")
            .Resolve(ctx => ctx.Source.Page.Entries.Select(e => new AuditEntriesEdge(e)));
        Field<ListGraphType<NonNullGraphType<AuditEntryType>>>("nodes").Description("The entries of this page, without cursors.")
            .Resolve(ctx => ctx.Source.Page.Entries);
    }

    private static PageInfo ToPageInfo(AuditEntriesConnection connection)
    {
        var entries = connection.Page.Entries;
        return new PageInfo(
            connection.Page.HasMore,
            connection.After,
            entries.Count == 0 ? null : AuditCursor.Encode(entries[0].Seq),
            entries.Count == 0 ? null : AuditCursor.Encode(entries[^1].Seq));
    }
}
