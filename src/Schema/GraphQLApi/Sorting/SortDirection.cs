using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Sorting;

public enum SortDirection
{
    Ascending,
    Descending,
}
