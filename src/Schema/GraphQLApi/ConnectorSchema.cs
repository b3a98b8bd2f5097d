using Coco.Connectors.GraphQLApi.Introspection;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi;

/// <summary>The public GraphQL schema. Root types collect their fields from the feature folders.</summary>
public sealed class ConnectorSchema : Schema
{
    public ConnectorSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        Description = "Coco Server connectors: how Coco reaches Google Drive, GitHub, Confluence, databases and more.";
        CurrentSpecIntrospection.Enable(this);
    }

    protected override void OnBeforeInitializeType(IGraphType graphType) => CurrentSpecIntrospection.Extend(graphType);
}
