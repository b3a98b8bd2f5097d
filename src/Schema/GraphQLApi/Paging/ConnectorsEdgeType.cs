using Coco.Connectors.GraphQLApi.Connectors;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Paging;

public sealed class ConnectorsEdgeType : ObjectGraphType<ConnectorsEdge>
{
    public ConnectorsEdgeType()
    {
        Name = "ConnectorsEdge";
        Description = "A connector and its position in the list.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("An opaque position; valid only with the same `order`.")
            .Resolve(ctx => ctx.Source.Page.CursorOf(ctx.Source.Node));
        Field<NonNullGraphType<ConnectorType>>("node").Description("The connector.").Resolve(ctx => ctx.Source.Node);
    }
}
