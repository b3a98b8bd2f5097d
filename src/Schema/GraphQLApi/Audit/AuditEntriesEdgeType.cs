using Coco.Connectors.Audit;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Audit;

public sealed class AuditEntriesEdgeType : ObjectGraphType<AuditEntriesEdge>
{
    public AuditEntriesEdgeType()
    {
        Name = "AuditEntriesEdge";
        Description = "An audit entry and its position in the log.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("An opaque position; pass it as `after` for the older entries.")
            .Resolve(ctx => AuditCursor.Encode(ctx.Source.Node.Seq));
        Field<NonNullGraphType<AuditEntryType>>("node").Description("The audit entry.").Resolve(ctx => ctx.Source.Node);
    }
}
