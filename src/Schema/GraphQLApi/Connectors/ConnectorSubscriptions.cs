using Coco.Connectors.Auth;
using Coco.Connectors.Changes;
using Coco.Connectors.GraphQLApi.Filtering;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>
/// Live updates. Every write (REST, GraphQL, seeding) reaches these streams; the connector is loaded when the event
/// is delivered and its <c>config</c> is masked like any query result. Every event is a snapshot (see
/// <see cref="ConnectorEventDispatcher"/>), so transports serialize it once per selection for all subscribers.
/// </summary>
public static class ConnectorSubscriptions
{
    public static void AddFields(ObjectGraphType subscription, ConnectorEventDispatcher events)
    {
        subscription.Field<NonNullGraphType<ConnectorType>>("onConnectorCreated")
            .RequirePermission(Permissions.Read)
            .Description("Each connector as it is created.")
            .PublishesSnapshots()
            .ResolveStream(ctx => events.Watch(
                change => change.Kind == ConnectorChangeKind.Created,
                (_, connector) => connector));

        subscription.Field<NonNullGraphType<ConnectorType>>("onConnectorUpdated")
            .RequirePermission(Permissions.Read)
            .Description("Each connector as it is updated; only the one with `id` when given.")
            .Argument<IdGraphType>("id", a => a.Description = "Only this connector's updates.")
            .PublishesSnapshots()
            .ResolveStream(ctx =>
            {
                var id = ctx.GetArgument<string?>("id");
                return events.Watch(
                    change => change.Kind == ConnectorChangeKind.Updated && (id is null || change.Id == id),
                    (_, connector) => connector);
            });

        subscription.Field<NonNullGraphType<ConnectorDeletedEventType>>("onConnectorDeleted")
            .RequirePermission(Permissions.Read)
            .Description("Each connector deletion.")
            .PublishesSnapshots()
            .ResolveStream(ctx => events.Watch(
                change => change.Kind == ConnectorChangeKind.Deleted,
                (change, _) => change));

        subscription.Field<NonNullGraphType<ConnectorChangedEventType>>("onConnectorChanged")
            .RequirePermission(Permissions.Read)
            .RequirePermissionFor("where", Permissions.Search)
            .Description("Every change to a connector that matches `where` before or after the change; `matches` tells a live list " +
                "whether to show the connector now.")
            .Argument<ConnectorFilterInputType>("where", a => a.Description = "Which connectors to watch; all when absent.")
            .PublishesSnapshots()
            // A stream resolver runs outside the field middleware, so it reports its own refusals the same way.
            .ResolveStream(ctx => QueryErrorMiddleware.Report(ctx, () =>
            {
                var where = ListArguments.Raw(ctx, "where") as IDictionary<string, object?>;
                return events.WatchMatching(WhereCompiler.Compile(where), WhereKey.Of(where));
            }));
    }
}
