using Coco.Connectors.Domain;
using Coco.Connectors.GraphQLApi.Scalars;
using Coco.Connectors.Secrets;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class ConnectorAssetsType : ObjectGraphType<Connector>
{
    public ConnectorAssetsType()
    {
        Name = "ConnectorAssets";
        Description = "Assets of a connector.";
        Field<JsonScalar>("icons").Description("Icon key → path or URL of the icon.")
            .Resolve(ctx => new System.Text.Json.Nodes.JsonObject(
                ctx.Source.AssetIcons.Select(kv => KeyValuePair.Create(kv.Key, (System.Text.Json.Nodes.JsonNode?)kv.Value))));
    }
}
