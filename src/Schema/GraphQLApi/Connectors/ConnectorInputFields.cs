using Coco.Connectors.GraphQLApi.Scalars;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>
/// Mutation inputs. Every connector field is optional here on purpose: the write path decides what is required
/// and what the defaults are (one set of rules for REST and GraphQL), and an update must tell "absent" from "null".
/// </summary>
internal static class ConnectorInputFields
{
    public static void Add(InputObjectGraphType input)
    {
        input.Field<StringGraphType>("description").Description("A short description.");
        input.Field<StringGraphType>("category").Description("Free-text category, e.g. `cloud_storage`, `database`, `website`.");
        input.Field<StringGraphType>("icon").Description("A path, URL, icon-font key or `assets.icons` key.");
        input.Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Tags; duplicates are dropped, each is trimmed.");
        input.Field<StringGraphType>("url").Description("An absolute http or https link about the connector.");
        input.Field<BooleanGraphType>("pathHierarchy").Description("Whether documents can be browsed by path. Defaults to false.");
        input.Field<ConnectorAssetsInputType>("assets").Description("Icons for the connector's kinds of documents.");
        input.Field<JsonScalar>("config")
            .Description("Connector-specific settings (a JSON object). Sending a secret back as `******` keeps the stored secret.");
        input.Field<BooleanGraphType>("oauthConnectImplemented").Description("Whether the connector offers an OAuth connect flow. Defaults to false.");
        input.Field<ConnectorProcessorInputType>("processor").Description("The pipeline processor that syncs the connector's data.");
        input.Field<BooleanGraphType>("enabled").Description("Whether the connector is enabled. Defaults to true.");
    }
}
