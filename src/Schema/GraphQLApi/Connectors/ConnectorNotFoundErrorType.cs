using Coco.Connectors.Domain;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class ConnectorNotFoundErrorType : ErrorType<ConnectorNotFound>
{
    public ConnectorNotFoundErrorType()
        : base("ConnectorNotFoundError", "No connector has the given id.", "A sentence naming the missing id.", e => e.Message)
    {
        Field<NonNullGraphType<IdGraphType>>("id").Description("The id that was looked for.").Resolve(ctx => ctx.Source.Id);
    }
}
