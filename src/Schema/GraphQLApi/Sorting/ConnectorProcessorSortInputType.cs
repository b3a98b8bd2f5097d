using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Sorting;

/// <summary>The nested sort input for <c>processor</c>, generated from its sortable <see cref="QueryFields"/>.</summary>
public sealed class ConnectorProcessorSortInputType : InputObjectGraphType
{
    public ConnectorProcessorSortInputType()
    {
        Name = "ConnectorProcessorSortInput";
        Description = "A sort key on a connector's processor.";
        foreach (var field in QueryFields.In(QueryFields.Processor).Where(f => f.Sortable))
        {
            AddField(new FieldType { Name = field.LeafName, Type = typeof(SortEnumType), Description = field.SortDescription });
        }
    }
}
