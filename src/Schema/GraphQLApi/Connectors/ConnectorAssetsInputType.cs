using Coco.Connectors.GraphQLApi.Scalars;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class ConnectorAssetsInputType : InputObjectGraphType
{
    public ConnectorAssetsInputType()
    {
        Name = "ConnectorAssetsInput";
        Description = "Assets of a connector.";
        Field<JsonScalar>("icons").Description("A JSON object mapping icon keys to a path or URL.");
    }
}
