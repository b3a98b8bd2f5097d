using Coco.Connectors.Changes;
using Coco.Connectors.Domain;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class ConnectorChangedEventType : ObjectGraphType<ConnectorChangedEvent>
{
    public ConnectorChangedEventType()
    {
        Name = "ConnectorChangedEvent";
        Description = "A change to a connector that matched the subscription's filter before or after the change.";
        Field<NonNullGraphType<ConnectorChangeKindType>>("kind").Description("What happened.").Resolve(ctx => ctx.Source.Change.Kind);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The connector's id.").Resolve(ctx => ctx.Source.Change.Id);
        Field<NonNullGraphType<IntGraphType>>("version").Description("The connector's version after the change.")
            .Resolve(ctx => ctx.Source.Change.Version);
        Field<ConnectorType>("connector").Description("The connector as it is now; null once deleted.").Resolve(ctx => ctx.Source.Connector);
        Field<NonNullGraphType<BooleanGraphType>>("matches")
            .Description("Whether the connector matches the filter now: add or refresh the row when true, remove it when false.")
            .Resolve(ctx => ctx.Source.Matches);
    }
}
