using Coco.Connectors.Domain;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class BuiltinConnectorErrorType : ErrorType<BuiltinConnectorProtected>
{
    public BuiltinConnectorErrorType()
        : base("BuiltinConnectorError", "The connector ships with the server and is protected from this change (built-ins cannot be deleted).",
            "Why the built-in connector is protected.", e => e.Message)
    {
        Field<NonNullGraphType<IdGraphType>>("id").Description("The built-in connector's id.").Resolve(ctx => ctx.Source.Id);
    }
}
