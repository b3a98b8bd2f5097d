using Coco.Connectors.Changes;
using Coco.Connectors.Data;
using Coco.Connectors.Data.Filtering;
using Coco.Connectors.GraphQL;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Connectors;

/// <summary>
/// Live updates. Every write (REST, GraphQL, seeding) reaches these streams; the connector is loaded when the event
/// is delivered and its <c>config</c> is masked like any query result. Every event is a snapshot (see
/// <see cref="ConnectorEvents"/>), so transports serialize it once per selection for all subscribers.
/// </summary>
public static class ConnectorSubscriptions
{
    public static void AddFields(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<ConnectorType>>("onConnectorCreated")
            .Description("Each connector as it is created.")
            .PublishesSnapshots()
            .ResolveStream(ctx => Events(ctx).Watch(
                change => change.Kind == ConnectorChangeKind.Created,
                (_, connector) => connector));

        subscription.Field<NonNullGraphType<ConnectorType>>("onConnectorUpdated")
            .Description("Each connector as it is updated; only the one with `id` when given.")
            .Argument<IdGraphType>("id", a => a.Description = "Only this connector's updates.")
            .PublishesSnapshots()
            .ResolveStream(ctx =>
            {
                var id = ctx.GetArgument<string?>("id");
                return Events(ctx).Watch(
                    change => change.Kind == ConnectorChangeKind.Updated && (id is null || change.Id == id),
                    (_, connector) => connector);
            });

        subscription.Field<NonNullGraphType<ConnectorDeletedEventType>>("onConnectorDeleted")
            .Description("Each connector deletion.")
            .PublishesSnapshots()
            .ResolveStream(ctx => Events(ctx).Watch(
                change => change.Kind == ConnectorChangeKind.Deleted,
                (change, _) => change));

        subscription.Field<NonNullGraphType<ConnectorChangedEventType>>("onConnectorChanged")
            .Description("Every change to a connector that matches `where` before or after the change; `matches` tells a live list " +
                "whether to show the connector now.")
            .Argument<ConnectorFilterInputType>("where", a => a.Description = "Which connectors to watch; all when absent.")
            .PublishesSnapshots()
            .ResolveStream(ctx =>
            {
                try
                {
                    return Events(ctx).WatchMatching(ConnectorFilter.FromInput(ListArguments.Raw(ctx, "where") as IDictionary<string, object?>));
                }
                catch (QueryException e)
                {
                    throw ListArguments.ToExecutionError(e, "Subscription.onConnectorChanged");
                }
            });
    }

    private static ConnectorEvents Events(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<ConnectorEvents>();
}

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

/// <summary>What <c>onConnectorChanged</c> delivers: the change, the connector as it is now, and whether it matches.</summary>
public sealed record ConnectorChangedEvent(ConnectorChange Change, Connector? Connector, bool Matches);

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

public sealed class ConnectorChangeKindType : EnumerationGraphType<ConnectorChangeKind>
{
    public ConnectorChangeKindType()
    {
        Name = "ConnectorChangeKind";
        Description = "The kinds of change to a connector.";
    }
}
