using Coco.Connectors.Connectors;
using GraphQL.Types;

namespace Coco.Connectors.GraphQL;

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
    }
}

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        ConnectorQueries.AddFields(this);
        ConnectorListQueries.AddFields(this);
    }
}

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        ConnectorMutations.AddFields(this);
    }
}

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        ConnectorSubscriptions.AddFields(this);
    }
}
