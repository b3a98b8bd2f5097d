using Coco.Connectors.GraphQLApi.Scalars;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Filtering;

/// <summary>HotChocolate's <c>DateTimeOperationFilterInput</c>; values are RFC 3339 with an offset and compared in UTC.</summary>
public sealed class DateTimeOperationFilterInputType : InputObjectGraphType
{
    public DateTimeOperationFilterInputType()
    {
        Name = "DateTimeOperationFilterInput";
        Description = "Conditions on a point in time. All conditions given must hold; the `n…` forms negate.";
        Field<DateTimeScalar>("eq").Description("At exactly this time.");
        Field<DateTimeScalar>("neq").Description("At any other time.");
        Field<ListGraphType<DateTimeScalar>>("in").Description("At one of these times.");
        Field<ListGraphType<DateTimeScalar>>("nin").Description("At none of these times.");
        Field<DateTimeScalar>("gt").Description("Later than this time.");
        Field<DateTimeScalar>("ngt").Description("Not later than this time.");
        Field<DateTimeScalar>("gte").Description("At or later than this time.");
        Field<DateTimeScalar>("ngte").Description("Earlier than this time.");
        Field<DateTimeScalar>("lt").Description("Earlier than this time.");
        Field<DateTimeScalar>("nlt").Description("Not earlier than this time.");
        Field<DateTimeScalar>("lte").Description("At or earlier than this time.");
        Field<DateTimeScalar>("nlte").Description("Later than this time.");
    }
}
