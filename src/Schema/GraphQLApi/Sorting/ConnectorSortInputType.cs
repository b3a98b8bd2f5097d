using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Sorting;

/// <summary><c>order</c> items for connectors, named and ordered like HotChocolate's generated <c>ConnectorSortInput</c>.</summary>
public sealed class ConnectorSortInputType : InputObjectGraphType
{
    public ConnectorSortInputType()
    {
        Name = "ConnectorSortInput";
        Description = "One sort key. Give one field per list item; items apply in order, and `id` always breaks ties.";
        Field<SortEnumType>("id").Description("Sort by id.");
        Field<SortEnumType>("name").Description("Sort by name.");
        Field<SortEnumType>("description").Description("Sort by description.");
        Field<SortEnumType>("category").Description("Sort by category.");
        Field<SortEnumType>("icon").Description("Sort by icon.");
        Field<SortEnumType>("url").Description("Sort by url.");
        Field<SortEnumType>("pathHierarchy").Description("Sort by pathHierarchy (false first ascending).");
        Field<SortEnumType>("builtin").Description("Sort by builtin.");
        Field<SortEnumType>("oauthConnectImplemented").Description("Sort by oauthConnectImplemented.");
        Field<SortEnumType>("enabled").Description("Sort by enabled.");
        Field<ConnectorProcessorSortInputType>("processor").Description("Sort by a field of the processor.");
        Field<SortEnumType>("created").Description("Sort by creation time.");
        Field<SortEnumType>("updated").Description("Sort by the time of the last change.");
    }
}
