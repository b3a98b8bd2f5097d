using Coco.Connectors.GraphQLApi.Connectors;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi;

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        ConnectorSubscriptions.AddFields(this);
    }
}
