using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Sorting;

/// <summary>HotChocolate's <c>SortEnumType</c>.</summary>
public sealed class SortEnumType : EnumerationGraphType
{
    public SortEnumType()
    {
        Name = "SortEnumType";
        Description = "A sort direction.";
        Add("ASC", SortDirection.Ascending, "Smallest first (missing values first).");
        Add("DESC", SortDirection.Descending, "Largest first (missing values last).");
    }
}
