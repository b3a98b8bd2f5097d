using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Filtering;

/// <summary>
/// <c>where</c> for connectors, shaped like HotChocolate's generated <c>ConnectorFilterInput</c>. The fields mirror
/// <see cref="Querying.QueryFields"/>; <c>config</c> (where secrets live) is deliberately absent, so filtering on it is a
/// validation error. Compiled by <see cref="WhereCompiler"/>.
/// </summary>
public sealed class ConnectorFilterInputType : InputObjectGraphType
{
    public ConnectorFilterInputType()
    {
        Name = "ConnectorFilterInput";
        Description = "Conditions on connectors. Sibling fields must all hold; use `or` for alternatives.";
        Field<ListGraphType<NonNullGraphType<ConnectorFilterInputType>>>("and").Description("Every one of these filters must match.");
        Field<ListGraphType<NonNullGraphType<ConnectorFilterInputType>>>("or").Description("At least one of these filters must match.");
        Field<StringOperationFilterInputType>("id").Description("Conditions on the id.");
        Field<StringOperationFilterInputType>("name").Description("Conditions on the name.");
        Field<StringOperationFilterInputType>("description").Description("Conditions on the description.");
        Field<StringOperationFilterInputType>("category").Description("Conditions on the category.");
        Field<StringOperationFilterInputType>("icon").Description("Conditions on the icon.");
        Field<StringOperationFilterInputType>("url").Description("Conditions on the url.");
        Field<ListStringOperationFilterInputType>("tags").Description("Conditions on the tags.");
        Field<BooleanOperationFilterInputType>("pathHierarchy").Description("Conditions on pathHierarchy.");
        Field<BooleanOperationFilterInputType>("builtin").Description("Conditions on builtin.");
        Field<BooleanOperationFilterInputType>("oauthConnectImplemented").Description("Conditions on oauthConnectImplemented.");
        Field<BooleanOperationFilterInputType>("enabled").Description("Conditions on enabled.");
        Field<ConnectorProcessorFilterInputType>("processor").Description("Conditions on the processor.");
        Field<DateTimeOperationFilterInputType>("created").Description("Conditions on the creation time.");
        Field<DateTimeOperationFilterInputType>("updated").Description("Conditions on the time of the last change.");
    }
}
