using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Coco.Connectors.Domain;
using Coco.Connectors.Querying;

namespace Coco.Connectors.Server.Rest;

/// <summary>
/// Coco's reading of <c>_search</c>'s <c>query</c> on top of the shared <see cref="FreeTextSearch"/>:
/// <c>field:value</c> on one of Coco's keyword fields (<c>category</c>, <c>tags</c>, <c>processor.name</c>) matches the
/// whole value (ignoring case, like the rest of <c>query</c>), as an Elasticsearch keyword does (<c>category:database</c> is not <c>vector_database</c>), and
/// <c>default_operator=OR</c> lets any word match instead of every word.
/// </summary>
public static partial class CocoQueryText
{
    private static readonly HashSet<string> KeywordFields = new(StringComparer.Ordinal) { "category", "tags", "processor.name" };

    public static Expression<Func<Connector, bool>>? Build(string? query, CocoDefaultOperator defaultOperator)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var match = KeywordQuery().Match(query.Trim());
        if (match.Success && KeywordFields.Contains(match.Groups["field"].Value) && QueryFields.FindRest(match.Groups["field"].Value) is { } field)
        {
            return WholeValue(field, match.Groups["value"].Value.Trim().ToLowerInvariant());
        }

        if (defaultOperator == CocoDefaultOperator.Or && !match.Success)
        {
            var terms = TermLimits.Check(query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), "query", "query");
            return Predicates.Or(terms.Select(FreeTextSearch.Build));
        }

        return FreeTextSearch.Build(query);
    }

    // The value equals the term, ignoring case like the rest of `query`; for tags, one tag does.
    private static Expression<Func<Connector, bool>> WholeValue(QueryField field, string term)
    {
        var access = field.Access(Predicates.Connector);
        if (field.Kind == QueryFieldKind.StringList)
        {
            return Predicates.Lambda(ValueExpressions.Any(access, ValueExpressions.Item(access, tag => LoweredEquals(tag, term))));
        }

        var equals = LoweredEquals(access, term);
        return Predicates.Lambda(field.Nullable ? ValueExpressions.WhenNotNull(access, equals) : equals);
    }

    private static Expression LoweredEquals(Expression access, string term) =>
        Expression.Equal(Expression.Call(access, nameof(string.ToLower), Type.EmptyTypes), QueryParameter.For(term));

    // Coco's field:value form; a value with filter syntax (any(…), parentheses) stays free text.
    [GeneratedRegex(@"^(?<field>[A-Za-z0-9_.\-]+):(?<value>[^()]+)$", RegexOptions.Singleline)]
    private static partial Regex KeywordQuery();
}
