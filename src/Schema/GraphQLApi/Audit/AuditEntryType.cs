using Coco.Connectors.Audit;
using Coco.Connectors.GraphQLApi.Connectors;
using Coco.Connectors.GraphQLApi.Scalars;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Audit;

public sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Description = "One committed write to a connector: who made it, what it was and when. Never the connector's fields or secrets.";
        Field<NonNullGraphType<DateTimeScalar>>("at").Description("When the write was committed (UTC).").Resolve(ctx => ctx.Source.At);
        Field<NonNullGraphType<StringGraphType>>("caller")
            .Description("The API token's name; `local` or `anonymous` for a caller without a token; `system` for the server's own writes (seeding).")
            .Resolve(ctx => ctx.Source.Caller);
        Field<NonNullGraphType<IdGraphType>>("connectorId").Description("The connector written.").Resolve(ctx => ctx.Source.ConnectorId);
        Field<NonNullGraphType<ConnectorChangeKindType>>("kind").Description("Whether the connector was created, updated or deleted.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<IntGraphType>>("version").Description("The connector's version after the write.").Resolve(ctx => ctx.Source.Version);
        Field<StringGraphType>("requestId").Description("The id of the request that made the write, as the server's log shows it (`RequestId`).")
            .Resolve(ctx => ctx.Source.RequestId);
    }
}
