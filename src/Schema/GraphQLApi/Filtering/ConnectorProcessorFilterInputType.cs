using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Filtering;

/// <summary>The nested filter for <c>processor</c>, as HotChocolate generates it for an owned object.</summary>
public sealed class ConnectorProcessorFilterInputType : InputObjectGraphType
{
    public ConnectorProcessorFilterInputType()
    {
        Name = "ConnectorProcessorFilterInput";
        Description = "Conditions on a connector's processor.";
        Field<ListGraphType<NonNullGraphType<ConnectorProcessorFilterInputType>>>("and").Description("Every one of these filters must match.");
        Field<ListGraphType<NonNullGraphType<ConnectorProcessorFilterInputType>>>("or").Description("At least one of these filters must match.");
        foreach (var field in QueryFields.In(QueryFields.Processor))
        {
            AddField(new FieldType { Name = field.LeafName, Type = OperationFilterTypes.For(field.Kind), Description = field.FilterDescription });
        }
    }
}
