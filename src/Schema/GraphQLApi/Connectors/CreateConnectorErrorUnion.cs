using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class CreateConnectorErrorUnion : UnionGraphType
{
    public CreateConnectorErrorUnion()
    {
        Name = "CreateConnectorError";
        Description = "Why `createConnector` refused the input.";
        Type<ValidationErrorType>();
        Type<DuplicateConnectorIdErrorType>();
    }
}
