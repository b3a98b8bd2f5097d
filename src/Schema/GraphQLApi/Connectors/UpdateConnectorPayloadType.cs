using Coco.Connectors.Domain;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class UpdateConnectorPayloadType : ObjectGraphType<ConnectorPayload>
{
    public UpdateConnectorPayloadType()
    {
        Name = "UpdateConnectorPayload";
        Description = "The result of `updateConnector`.";
        Field<ConnectorType>("connector").Description("The connector as stored after the change; null when it was refused.")
            .Resolve(ctx => ctx.Source.Connector);
        Field<ListGraphType<NonNullGraphType<UpdateConnectorErrorUnion>>>("errors")
            .Description("Why nothing was changed; null on success.").Resolve(ctx => ctx.Source.Errors);
    }
}
