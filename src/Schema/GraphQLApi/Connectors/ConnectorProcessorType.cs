using Coco.Connectors.Domain;
using Coco.Connectors.Secrets;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class ConnectorProcessorType : ObjectGraphType<ConnectorProcessor>
{
    public ConnectorProcessorType()
    {
        Name = "ConnectorProcessor";
        Description = "The pipeline processor of a connector.";
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Description("Whether the data processing pipeline runs for this connector.")
            .Resolve(ctx => ctx.Source.Enabled);
        Field<StringGraphType>("name").Description("The registered processor's name, e.g. `github`.").Resolve(ctx => ctx.Source.Name);
    }
}
