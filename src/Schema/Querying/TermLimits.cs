namespace Coco.Connectors.Querying;

/// <summary>
/// Caps on how many terms one query may combine. Every term becomes a nested AND/OR in SQL, and databases refuse (or
/// recurse too deeply on) very long chains; a client should hear which limit it hit, not get a server error.
/// </summary>
public static class TermLimits
{
    /// <summary>Words in a free-text <c>query</c>, REST <c>filter</c>s, values in <c>any()</c>, items in one and/or list.</summary>
    public const int MaxTerms = 64;

    /// <summary>
    /// Characters in one free-text word (or <c>field:value</c> value) and one substring pattern: each is matched
    /// through the trigram index, whose work grows with the pattern's length.
    /// </summary>
    public const int MaxTermLength = 256;

    public static string CheckLength(string term, string parameter, string what)
    {
        if (term.Length > MaxTermLength)
        {
            throw new QueryException(parameter, $"{what} is {term.Length} characters long; at most {MaxTermLength} are allowed.",
                QueryErrorCodes.TermTooLong, new Dictionary<string, object?> { ["limit"] = "termLength", ["maxTermLength"] = MaxTermLength });
        }

        return term;
    }

    public static IReadOnlyList<T> Check<T>(IReadOnlyList<T> terms, string parameter, string what)
    {
        if (terms.Count > MaxTerms)
        {
            throw new QueryException(parameter, $"{what} has {terms.Count} terms; at most {MaxTerms} are allowed.",
                QueryErrorCodes.TooManyTerms, new Dictionary<string, object?> { ["limit"] = "terms", ["maxTerms"] = MaxTerms });
        }

        return terms;
    }
}
