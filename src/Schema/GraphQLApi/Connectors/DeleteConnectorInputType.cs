using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class DeleteConnectorInputType : InputObjectGraphType
{
    public DeleteConnectorInputType()
    {
        Name = "DeleteConnectorInput";
        Description = "The connector to delete.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The connector to delete.");
        Field<IntGraphType>("expectedVersion")
            .Description("Only delete the connector if it is still at this version; otherwise a `VersionConflictError` is returned.");
    }
}
