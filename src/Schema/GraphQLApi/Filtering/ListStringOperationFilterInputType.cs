using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Filtering;

/// <summary>HotChocolate's <c>ListStringOperationFilterInput</c> for lists of text such as <c>tags</c>.</summary>
public sealed class ListStringOperationFilterInputType : InputObjectGraphType
{
    public ListStringOperationFilterInputType()
    {
        Name = "ListStringOperationFilterInput";
        Description = "Conditions on a list of texts, applied to its entries.";
        Field<StringOperationFilterInputType>("all").Description("Every entry meets these conditions (true for an empty list).");
        Field<StringOperationFilterInputType>("none").Description("No entry meets these conditions.");
        Field<StringOperationFilterInputType>("some").Description("At least one entry meets these conditions.");
        Field<BooleanGraphType>("any").Description("`true`: the list has entries; `false`: the list is empty.");
    }
}
