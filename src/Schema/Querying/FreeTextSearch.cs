using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Querying;

/// <summary>
/// The case-insensitive free-text <c>query</c> shared by REST <c>_search</c> and GraphQL: every whitespace-separated
/// term must appear in the name, description, category, tags or processor name; <c>field:value</c> looks in one field.
/// </summary>
public static partial class FreeTextSearch
{
    public static Expression<Func<Connector, bool>>? Build(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var match = FieldQuery().Match(query.Trim());
        if (match.Success)
        {
            var fieldName = match.Groups["field"].Value;
            if (QueryFields.IsConfigPath(fieldName))
            {
                throw new QueryException("query", "config cannot be searched: it may hold secrets");
            }

            var field = QueryFields.FreeText.FirstOrDefault(f => f.RestName == fieldName || f.Name == fieldName);
            if (field is not null)
            {
                return InField(field, TermLimits.CheckLength(match.Groups["value"].Value.Trim(), "query", $"the value of {fieldName}:").ToLowerInvariant());
            }
        }

        var terms = TermLimits.Check(query.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), "query", "query");
        foreach (var term in terms)
        {
            TermLimits.CheckLength(term, "query", "a word of query");
        }

        // Unguarded (the search text is never null): SqliteIndexedFilter reads this exact call as a lookup of its index.
        var searchText = Expression.Property(Predicates.Connector, nameof(Connector.SearchText));
        return Predicates.And(terms.Select(term =>
            Predicates.Lambda(Expression.Call(searchText, nameof(string.Contains), Type.EmptyTypes, QueryParameter.For(term)))));
    }

    private static Expression<Func<Connector, bool>> InField(QueryField field, string term)
    {
        var access = field.Access(Predicates.Connector);
        if (field.Kind == QueryFieldKind.StringList)
        {
            return Predicates.Lambda(ValueExpressions.Any(access, ValueExpressions.Item(access, tag => LoweredContains(tag, term))));
        }

        var contains = LoweredContains(access, term);
        return Predicates.Lambda(field.Nullable ? ValueExpressions.WhenNotNull(access, contains) : contains);
    }

    // lower(x) contains the (lower-cased) term; not ValueExpressions.Contains, whose null guard is the caller's here.
    private static Expression LoweredContains(Expression access, string term)
    {
        var lowered = Expression.Call(access, nameof(string.ToLower), Type.EmptyTypes);
        return Expression.Call(lowered, nameof(string.Contains), Type.EmptyTypes, QueryParameter.For(term));
    }

    [GeneratedRegex(@"^(?<field>[A-Za-z0-9_.\-]+):(?<value>.+)$", RegexOptions.Singleline)]
    private static partial Regex FieldQuery();
}
