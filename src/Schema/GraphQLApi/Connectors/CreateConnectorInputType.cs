using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class CreateConnectorInputType : InputObjectGraphType
{
    public CreateConnectorInputType()
    {
        Name = "CreateConnectorInput";
        Description = "A new connector. Omitted fields take their defaults.";
        Field<IdGraphType>("id").Description("An id to use instead of a generated one: 1–64 letters, digits, `_` or `-`.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The connector's name, 1–256 characters.");
        ConnectorInputFields.Add(this);
    }
}
