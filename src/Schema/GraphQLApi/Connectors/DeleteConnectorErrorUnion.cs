using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class DeleteConnectorErrorUnion : UnionGraphType
{
    public DeleteConnectorErrorUnion()
    {
        Name = "DeleteConnectorError";
        Description = "Why `deleteConnector` refused to delete.";
        Type<ConnectorNotFoundErrorType>();
        Type<BuiltinConnectorErrorType>();
        Type<VersionConflictErrorType>();
    }
}
