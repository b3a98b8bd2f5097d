using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Connectors;

/// <summary>Look-ups of single connectors: <c>connectorById</c>, and Relay's <c>node</c>/<c>nodes</c>.</summary>
public static class ConnectorQueries
{
    public static void AddFields(ObjectGraphType query)
    {
        query.Field<ConnectorType>("connectorById")
            .Description("The connector with this id, or null.")
            .Argument<NonNullGraphType<IdGraphType>>("id", a => a.Description = "The connector's id.")
            .ResolveAsync(async ctx => await Reader(ctx).FindAsync(ctx.GetArgument<string>("id"), ctx.CancellationToken));
    }

    private static ConnectorReader Reader(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<ConnectorReader>();
}
