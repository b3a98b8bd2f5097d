using Coco.Connectors.Domain;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class DuplicateConnectorIdErrorType : ErrorType<DuplicateConnectorId>
{
    public DuplicateConnectorIdErrorType()
        : base("DuplicateConnectorIdError", "A connector with the requested id already exists.", "A sentence naming the taken id.", e => e.Message)
    {
        Field<NonNullGraphType<IdGraphType>>("id").Description("The id that is already taken.").Resolve(ctx => ctx.Source.Id);
    }
}
