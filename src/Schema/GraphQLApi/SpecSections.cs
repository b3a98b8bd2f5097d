namespace Coco.Connectors.GraphQLApi;

/// <summary>
/// Links to the GraphQL specification (October 2021 edition, whose section numbers graphql-dotnet's validation errors
/// carry as <c>extensions.number</c>) for the <c>specifiedBy</c> extension HotChocolate adds to validation errors.
/// </summary>
public static class SpecSections
{
    private const string Base = "https://spec.graphql.org/October2021/#sec-";

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["3.10"] = "Input Objects",
        ["5.1.1"] = "Executable Definitions",
        ["5.2.1.1"] = "Operation Name Uniqueness",
        ["5.2.2.1"] = "Lone Anonymous Operation",
        ["5.2.3.1"] = "Single root field",
        ["5.3.1"] = "Field Selections",
        ["5.3.2"] = "Field Selection Merging",
        ["5.3.3"] = "Leaf Field Selections",
        ["5.4.1"] = "Argument Names",
        ["5.4.2"] = "Argument Uniqueness",
        ["5.4.2.1"] = "Required Arguments",
        ["5.5.1.1"] = "Fragment Name Uniqueness",
        ["5.5.1.2"] = "Fragment Spread Type Existence",
        ["5.5.1.3"] = "Fragments On Composite Types",
        ["5.5.1.4"] = "Fragments Must Be Used",
        ["5.5.2.1"] = "Fragment spread target defined",
        ["5.5.2.2"] = "Fragment spreads must not form cycles",
        ["5.5.2.3"] = "Fragment spread is possible",
        ["5.6.1"] = "Values of Correct Type",
        ["5.6.2"] = "Input Object Field Names",
        ["5.6.3"] = "Input Object Field Uniqueness",
        ["5.6.4"] = "Input Object Required Fields",
        ["5.7.1"] = "Directives Are Defined",
        ["5.7.2"] = "Directives Are In Valid Locations",
        ["5.7.3"] = "Directives Are Unique Per Location",
        ["5.8.1"] = "Variable Uniqueness",
        ["5.8.2"] = "Variables Are Input Types",
        ["5.8.3"] = "All Variable Uses Defined",
        ["5.8.4"] = "All Variables Used",
        ["5.8.5"] = "All Variable Usages are Allowed",
    };

    /// <summary>The spec section's address for a rule number such as <c>5.3.1</c>, or null for one we do not know.</summary>
    public static string? UrlOf(string? number) =>
        number is not null && Titles.TryGetValue(number, out var title) ? Base + title.Replace(' ', '-') : null;
}
