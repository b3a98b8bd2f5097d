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
        Field<BooleanOperationFilterInputType>("enabled").Description("Conditions on whether the processor runs.");
        Field<StringOperationFilterInputType>("name").Description("Conditions on the processor's name.");
    }
}
