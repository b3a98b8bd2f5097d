using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Sorting;

public sealed class ConnectorProcessorSortInputType : InputObjectGraphType
{
    public ConnectorProcessorSortInputType()
    {
        Name = "ConnectorProcessorSortInput";
        Description = "A sort key on a connector's processor.";
        Field<SortEnumType>("enabled").Description("Sort by whether the processor runs.");
        Field<SortEnumType>("name").Description("Sort by the processor's name.");
    }
}
