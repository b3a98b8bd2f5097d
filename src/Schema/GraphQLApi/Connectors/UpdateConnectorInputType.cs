using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class UpdateConnectorInputType : InputObjectGraphType
{
    public UpdateConnectorInputType()
    {
        Name = "UpdateConnectorInput";
        Description = "A change to a connector. Without `replace` it is a JSON merge patch: only the fields given change, "
            + "an explicit null removes a field (it takes its default), and objects (`config`, `assets.icons`) merge key by key.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The connector to change.");
        Field<StringGraphType>("name").Description("The connector's name, 1–256 characters.");
        ConnectorInputFields.Add(this);
        Field<BooleanGraphType>("replace")
            .Description("When true, the given fields replace all client-owned fields; omitted ones take their defaults. Defaults to false.");
        Field<IntGraphType>("expectedVersion")
            .Description("Only change the connector if it is still at this version; otherwise a `VersionConflictError` is returned.");
    }
}
