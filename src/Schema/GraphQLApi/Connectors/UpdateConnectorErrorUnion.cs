using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class UpdateConnectorErrorUnion : UnionGraphType
{
    public UpdateConnectorErrorUnion()
    {
        Name = "UpdateConnectorError";
        Description = "Why `updateConnector` refused the change.";
        Type<ValidationErrorType>();
        Type<ConnectorNotFoundErrorType>();
        Type<VersionConflictErrorType>();
    }
}
