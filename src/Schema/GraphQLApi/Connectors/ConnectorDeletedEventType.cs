using Coco.Connectors.Changes;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class ConnectorDeletedEventType : ObjectGraphType<ConnectorChange>
{
    public ConnectorDeletedEventType()
    {
        Name = "ConnectorDeletedEvent";
        Description = "A connector was deleted.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The deleted connector's id.").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("version").Description("The version the deletion would have given it.")
            .Resolve(ctx => ctx.Source.Version);
    }
}
