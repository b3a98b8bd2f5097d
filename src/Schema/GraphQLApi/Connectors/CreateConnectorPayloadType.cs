using Coco.Connectors.Domain;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class CreateConnectorPayloadType : ObjectGraphType<ConnectorPayload>
{
    public CreateConnectorPayloadType()
    {
        Name = "CreateConnectorPayload";
        Description = "The result of `createConnector`.";
        Field<ConnectorType>("connector").Description("The new connector; null when the input was refused.").Resolve(ctx => ctx.Source.Connector);
        Field<ListGraphType<NonNullGraphType<CreateConnectorErrorUnion>>>("errors")
            .Description("Why nothing was created; null on success.").Resolve(ctx => ctx.Source.Errors);
    }
}
