using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Filtering;

/// <summary>HotChocolate's <c>BooleanOperationFilterInput</c> (no and/or, as there).</summary>
public sealed class BooleanOperationFilterInputType : InputObjectGraphType
{
    public BooleanOperationFilterInputType()
    {
        Name = "BooleanOperationFilterInput";
        Description = "Conditions on a true/false value.";
        Field<BooleanGraphType>("eq").Description("Equal to this value.");
        Field<BooleanGraphType>("neq").Description("Not equal to this value.");
    }
}
