using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Filtering;

/// <summary>
/// <c>where</c> for connectors, shaped like HotChocolate's generated <c>ConnectorFilterInput</c>. The fields are
/// generated from <see cref="QueryFields"/>; <c>config</c> (where secrets live) is deliberately absent, so filtering on
/// it is a validation error. Compiled by <see cref="WhereCompiler"/>.
/// </summary>
public sealed class ConnectorFilterInputType : InputObjectGraphType
{
    public ConnectorFilterInputType()
    {
        Name = "ConnectorFilterInput";
        Description = "Conditions on connectors. Sibling fields must all hold; use `or` for alternatives.";
        Field<ListGraphType<NonNullGraphType<ConnectorFilterInputType>>>("and").Description("Every one of these filters must match.");
        Field<ListGraphType<NonNullGraphType<ConnectorFilterInputType>>>("or").Description("At least one of these filters must match.");
        var groups = new HashSet<QueryFieldGroup>();
        foreach (var field in QueryFields.All)
        {
            if (field.Group is null)
            {
                AddField(new FieldType { Name = field.Name, Type = OperationFilterTypes.For(field.Kind), Description = field.FilterDescription });
            }
            else if (groups.Add(field.Group))
            {
                AddField(new FieldType { Name = field.Group.Name, Type = GroupType(field.Group), Description = field.Group.FilterDescription });
            }
        }
    }

    private static Type GroupType(QueryFieldGroup group) =>
        group == QueryFields.Processor ? typeof(ConnectorProcessorFilterInputType) : throw new ArgumentException($"no filter input for {group.Name}");
}
