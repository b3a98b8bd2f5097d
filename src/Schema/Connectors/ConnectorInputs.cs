using Coco.Connectors.GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.Connectors;

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

public sealed class CreateConnectorInputType : InputObjectGraphType
{
    public CreateConnectorInputType()
    {
        Name = "CreateConnectorInput";
        Description = "A new connector. Omitted fields take their defaults.";
        Field<IdGraphType>("id").Description("An id to use instead of a generated one: 1–64 letters, digits, `_` or `-`.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The connector's name, 1–256 characters.");
        ConnectorInputFields.Add(this);
    }
}

public sealed class UpdateConnectorInputType : InputObjectGraphType
{
    public UpdateConnectorInputType()
    {
        Name = "UpdateConnectorInput";
        Description = "A change to a connector. Without `replace` it is a JSON merge patch: only the fields given change, "
            + "an explicit null removes a field (it takes its default), and objects (`config`, `assets.icons`) merge key by key.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The connector to change.");
        Field<StringGraphType>("name").Description("The connector's name, 1–256 characters.");
        ConnectorInputFields.Add(this);
        Field<BooleanGraphType>("replace")
            .Description("When true, the given fields replace all client-owned fields; omitted ones take their defaults. Defaults to false.");
        Field<IntGraphType>("expectedVersion")
            .Description("Only change the connector if it is still at this version; otherwise a `VersionConflictError` is returned.");
    }
}

public sealed class DeleteConnectorInputType : InputObjectGraphType
{
    public DeleteConnectorInputType()
    {
        Name = "DeleteConnectorInput";
        Description = "The connector to delete.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The connector to delete.");
        Field<IntGraphType>("expectedVersion")
            .Description("Only delete the connector if it is still at this version; otherwise a `VersionConflictError` is returned.");
    }
}

public sealed class ConnectorAssetsInputType : InputObjectGraphType
{
    public ConnectorAssetsInputType()
    {
        Name = "ConnectorAssetsInput";
        Description = "Assets of a connector.";
        Field<JsonScalar>("icons").Description("A JSON object mapping icon keys to a path or URL.");
    }
}

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
