using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Sorting;

/// <summary>
/// <c>order</c> items for connectors, named and ordered like HotChocolate's generated <c>ConnectorSortInput</c>;
/// the fields are generated from the sortable <see cref="QueryFields"/>.
/// </summary>
public sealed class ConnectorSortInputType : InputObjectGraphType
{
    public ConnectorSortInputType()
    {
        Name = "ConnectorSortInput";
        Description = "One sort key. Give one field per list item; items apply in order, and `id` always breaks ties.";
        var groups = new HashSet<QueryFieldGroup>();
        foreach (var field in QueryFields.All.Where(f => f.Sortable))
        {
            if (field.Group is null)
            {
                AddField(new FieldType { Name = field.Name, Type = typeof(SortEnumType), Description = field.SortDescription });
            }
            else if (groups.Add(field.Group))
            {
                AddField(new FieldType { Name = field.Group.Name, Type = GroupType(field.Group), Description = field.Group.SortDescription });
            }
        }
    }

    private static Type GroupType(QueryFieldGroup group) =>
        group == QueryFields.Processor ? typeof(ConnectorProcessorSortInputType) : throw new ArgumentException($"no sort input for {group.Name}");
}
