using Coco.Connectors.GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.Data.Filtering;

/// <summary>
/// HotChocolate's <c>StringOperationFilterInput</c>: same name, operations and order. Matching is case-sensitive;
/// use the <c>query</c> argument for case-insensitive search.
/// </summary>
public sealed class StringOperationFilterInputType : InputObjectGraphType
{
    public StringOperationFilterInputType()
    {
        Name = "StringOperationFilterInput";
        Description = "Conditions on a text value. All conditions given must hold. Comparisons are case-sensitive.";
        Field<ListGraphType<NonNullGraphType<StringOperationFilterInputType>>>("and").Description("Every one of these conditions must hold.");
        Field<ListGraphType<NonNullGraphType<StringOperationFilterInputType>>>("or").Description("At least one of these conditions must hold.");
        Field<StringGraphType>("eq").Description("Equal to this text; `null` matches a missing value.");
        Field<StringGraphType>("neq").Description("Not equal to this text; `null` matches any present value.");
        Field<StringGraphType>("contains").Description("Contains this text (case-sensitive).");
        Field<StringGraphType>("ncontains").Description("Does not contain this text (case-sensitive); a missing value matches.");
        Field<ListGraphType<StringGraphType>>("in").Description("Equal to one of these texts; a `null` entry matches a missing value.");
        Field<ListGraphType<StringGraphType>>("nin").Description("Equal to none of these texts.");
        Field<StringGraphType>("startsWith").Description("Begins with this text (case-sensitive).");
        Field<StringGraphType>("nstartsWith").Description("Does not begin with this text (case-sensitive).");
        Field<StringGraphType>("endsWith").Description("Ends with this text (case-sensitive).");
        Field<StringGraphType>("nendsWith").Description("Does not end with this text (case-sensitive).");
    }
}

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

/// <summary>HotChocolate's <c>ListStringOperationFilterInput</c> for lists of text such as <c>tags</c>.</summary>
public sealed class ListStringOperationFilterInputType : InputObjectGraphType
{
    public ListStringOperationFilterInputType()
    {
        Name = "ListStringOperationFilterInput";
        Description = "Conditions on a list of texts, applied to its entries.";
        Field<StringOperationFilterInputType>("all").Description("Every entry meets these conditions (true for an empty list).");
        Field<StringOperationFilterInputType>("none").Description("No entry meets these conditions.");
        Field<StringOperationFilterInputType>("some").Description("At least one entry meets these conditions.");
        Field<BooleanGraphType>("any").Description("`true`: the list has entries; `false`: the list is empty.");
    }
}
