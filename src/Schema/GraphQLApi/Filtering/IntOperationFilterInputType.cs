using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Filtering;

/// <summary>HotChocolate's <c>IntOperationFilterInput</c>.</summary>
public sealed class IntOperationFilterInputType : InputObjectGraphType
{
    public IntOperationFilterInputType()
    {
        Name = "IntOperationFilterInput";
        Description = "Conditions on a whole number. All conditions given must hold; the `n…` forms negate.";
        Field<IntGraphType>("eq").Description("Equal to this number.");
        Field<IntGraphType>("neq").Description("Any other number.");
        Field<ListGraphType<IntGraphType>>("in").Description("One of these numbers.");
        Field<ListGraphType<IntGraphType>>("nin").Description("None of these numbers.");
        Field<IntGraphType>("gt").Description("Greater than this number.");
        Field<IntGraphType>("ngt").Description("Not greater than this number.");
        Field<IntGraphType>("gte").Description("Greater than or equal to this number.");
        Field<IntGraphType>("ngte").Description("Less than this number.");
        Field<IntGraphType>("lt").Description("Less than this number.");
        Field<IntGraphType>("nlt").Description("Not less than this number.");
        Field<IntGraphType>("lte").Description("Less than or equal to this number.");
        Field<IntGraphType>("nlte").Description("Greater than this number.");
    }
}
