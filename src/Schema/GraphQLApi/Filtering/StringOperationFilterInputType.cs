using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Filtering;

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
