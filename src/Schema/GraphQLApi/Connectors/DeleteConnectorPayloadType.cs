using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class DeleteConnectorPayloadType : ObjectGraphType<ConnectorPayload>
{
    public DeleteConnectorPayloadType()
    {
        Name = "DeleteConnectorPayload";
        Description = "The result of `deleteConnector`.";
        Field<IdGraphType>("deletedId").Description("The id of the deleted connector; null when nothing was deleted.")
            .Resolve(ctx => ctx.Source.DeletedId);
        Field<ListGraphType<NonNullGraphType<DeleteConnectorErrorUnion>>>("errors")
            .Description("Why nothing was deleted; null on success.").Resolve(ctx => ctx.Source.Errors);
    }
}
