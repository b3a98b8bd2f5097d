using Coco.Connectors.Changes;
using Coco.Connectors.GraphQLApi.Connectors;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi;

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType(ConnectorEventDispatcher events)
    {
        Name = "Subscription";
        ConnectorSubscriptions.AddFields(this, events);
    }
}
