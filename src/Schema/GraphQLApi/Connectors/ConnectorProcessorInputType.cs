using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class ConnectorProcessorInputType : InputObjectGraphType
{
    public ConnectorProcessorInputType()
    {
        Name = "ConnectorProcessorInput";
        Description = "The pipeline processor of a connector.";
        Field<BooleanGraphType>("enabled").Description("Whether the data processing pipeline runs. Defaults to false.");
        Field<StringGraphType>("name").Description("The registered processor's name, e.g. `github`.");
    }
}
