using Coco.Connectors.Domain;
using Coco.Connectors.GraphQLApi.Scalars;
using Coco.Connectors.Secrets;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>
/// The GraphQL view of a connector (CONTRACT §1). <c>config</c> is masked by the secret middleware. Fields marked
/// <c>Writable</c> are the ones the mutation inputs take (<see cref="ConnectorInputFields"/>).
/// </summary>
public sealed class ConnectorType : ObjectGraphType<Connector>
{
    public ConnectorType()
    {
        Name = "Connector";
        Description = "How Coco reaches one external service (Google Drive, GitHub, a database…).";
        Interface<NodeInterface>();
        IsTypeOf = value => value is Connector;

        Field<NonNullGraphType<IdGraphType>>("id").Description("The connector's id, the same as in the REST API.")
            .Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The connector's name.").Resolve(ctx => ctx.Source.Name);
        Field<StringGraphType>("description").Description("A short description of the connector.").Resolve(ctx => ctx.Source.Description)
            .Writable("A short description.");
        Field<StringGraphType>("category").Description("Free-text category, e.g. `cloud_storage`, `database`, `website`.")
            .Resolve(ctx => ctx.Source.Category).Writable("Free-text category, e.g. `cloud_storage`, `database`, `website`.");
        Field<StringGraphType>("icon").Description("A path, URL, icon-font key or `assets.icons` key.").Resolve(ctx => ctx.Source.Icon)
            .Writable("A path, URL, icon-font key or `assets.icons` key.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("Tags for grouping and search.")
            .Resolve(ctx => ctx.Source.Tags).Writable("Tags; duplicates are dropped, each is trimmed.");
        Field<StringGraphType>("url").Description("A link about the connector.").Resolve(ctx => SecretPolicy.MaskUrlPasswords(ctx.Source.Url))
            .Writable("An absolute http or https link about the connector.");
        Field<NonNullGraphType<BooleanGraphType>>("pathHierarchy").Description("Whether documents can be browsed by path.")
            .Resolve(ctx => ctx.Source.PathHierarchy).Writable("Whether documents can be browsed by path. Defaults to false.");
        Field<NonNullGraphType<ConnectorAssetsType>>("assets").Description("Icons for the connector's kinds of documents.")
            .Resolve(ctx => ctx.Source).Writable("Icons for the connector's kinds of documents.", typeof(ConnectorAssetsInputType));
        Field<NonNullGraphType<BooleanGraphType>>("builtin").Description("Shipped with the server; built-ins cannot be deleted.")
            .Resolve(ctx => ctx.Source.Builtin);
        Field<JsonScalar>("config").Description("Connector-specific settings. Secret values always read as `******`.")
            .Resolve(ctx => ctx.Source.Config)
            .ApplyMiddleware(SecretMaskingMiddleware.Instance)
            .Writable("Connector-specific settings (a JSON object). Sending a secret back as `******` keeps the stored secret.");
        Field<NonNullGraphType<BooleanGraphType>>("oauthConnectImplemented").Description("Whether the connector offers an OAuth connect flow.")
            .Resolve(ctx => ctx.Source.OauthConnectImplemented).Writable("Whether the connector offers an OAuth connect flow. Defaults to false.");
        Field<NonNullGraphType<ConnectorProcessorType>>("processor").Description("The pipeline processor that syncs the connector's data.")
            .Resolve(ctx => ctx.Source.Processor)
            .Writable("The pipeline processor that syncs the connector's data.", typeof(ConnectorProcessorInputType));
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Description("Whether the connector is enabled.").Resolve(ctx => ctx.Source.Enabled)
            .Writable("Whether the connector is enabled. Defaults to true.");
        Field<NonNullGraphType<DateTimeScalar>>("created").Description("When the connector was created.").Resolve(ctx => ctx.Source.Created);
        Field<NonNullGraphType<DateTimeScalar>>("updated").Description("When the connector was last changed.").Resolve(ctx => ctx.Source.Updated);
        Field<NonNullGraphType<IntGraphType>>("version").Description("Increases by one on every change; send it back as `expectedVersion` to avoid lost updates.")
            .Resolve(ctx => ctx.Source.Version);
    }
}
