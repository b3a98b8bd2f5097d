namespace Coco.Connectors.Querying;

/// <summary>
/// Caps on how many terms one query may combine. Every term becomes a nested AND/OR in SQL, and databases refuse (or
/// recurse too deeply on) very long chains; a client should hear which limit it hit, not get a server error.
/// </summary>
public static class TermLimits
{
    /// <summary>Words in a free-text <c>query</c>, REST <c>filter</c>s, values in <c>any()</c>, items in one and/or list.</summary>
    public const int MaxTerms = 64;

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
