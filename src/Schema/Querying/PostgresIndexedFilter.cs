using System.Linq.Expressions;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Coco.Connectors.Storage.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

/// <summary>
/// Rewrites a compiled filter, for the PostgreSQL store only, so that the planner's estimates lead it to the right
/// index; each rewrite either replaces a test by one that matches exactly the same rows or adds a condition the filter
/// already implies, so the answer never changes (<see cref="ConnectorFilter.Matches"/> runs the original in memory).
/// <list type="bullet">
/// <item>A string prefix (<c>name</c>/<c>id</c> <c>startsWith</c>) becomes the range <c>x &gt;= v AND x &lt; successor(v)</c>
/// (<see cref="SqliteIndexedFilter.PrefixRange"/>), the same rows under the columns' <c>"C"</c> (code-point) order: a
/// seek in their b-tree, whose histogram also tells the planner how many rows match (it guesses 0.5 % for the
/// <c>substring</c> test, and with that guess sorted a large prefix's matches instead of walking the order's index).</item>
/// <item>A rare or absent tag (the trigger-kept <c>connector_tag_counts</c> list at most
/// <see cref="SqliteIndexedFilter.SelectiveMatches"/> connectors under its values) in a page whose order has an index to
/// walk has its test repeated as an overlap (<c>Tags &amp;&amp; values</c>). The planner guesses 0.5 % for a tag
/// outside its statistics and would walk the order's index, testing every row, to find a page of an absent tag; the
/// repeated condition multiplies its guess down, so it reads the few matches through the tag index and sorts them. A
/// common tag is left alone: walking the order's index finds its page after a few hundred rows.</item>
/// <item>A tag list test (<c>tags some in […]</c>) becomes the overlap <c>Tags &amp;&amp; values</c>, which the tag index
/// answers (Npgsql sends it as a scan of each row's unnested tags).</item>
/// <item>A substring of a lower-cased field or tag (<c>name:value</c>, <c>tags:value</c> in <c>query</c>), or REST's
/// whole lower-cased value, adds the same substring of the search text, which the trigram index answers.</item>
/// </list>
/// </summary>
internal sealed class PostgresIndexedFilter(Func<IReadOnlyList<string>, bool> rare) : ExpressionVisitor
{
    /// <summary>At most this many tag tests of one filter are probed; the rest are left to the planner.</summary>
    private const int MaxProbes = 8;

    /// <summary>The filter as the planner answers it best, for a page and for counting every match (see the class summary).</summary>
    public static async Task<IndexedQueries> RewriteAsync(ConnectorQuery query, CocoDbContext db, CancellationToken ct)
    {
        if (query.Filter is null)
        {
            return new(query, query);
        }

        var tagTests = new List<IReadOnlyList<string>>();
        if (SqliteIndexedFilter.Walkable(query.TotalOrder))
        {
            new PostgresIndexedFilter(values =>
            {
                tagTests.Add(values);
                return false;
            }).Visit(query.Filter);
        }

        var rare = new HashSet<string>(StringComparer.Ordinal);
        foreach (var values in tagTests.DistinctBy(Key).Take(MaxProbes))
        {
            if (await PostgresTagCounts.RareAsync(db, values, ct))
            {
                rare.Add(Key(values));
            }
        }

        // Counting reads every match anyway (a bitmap scan of the tag index, which the planner picks without help).
        return new(Rewrite(query, values => rare.Contains(Key(values))), Rewrite(query, _ => false));
    }

    /// <summary>
    /// The tag, when a filter is nothing but <c>tags some eq value</c> (as <see cref="RewriteAsync"/> leaves it for
    /// counting), else null: its count is the one the trigger keeps in <c>connector_tag_counts</c>.
    /// </summary>
    public static string? TagOnly(ConnectorQuery query, CocoDbContext db) =>
        query.Filter?.Body is MethodCallExpression call && TagTest(call) is ({ Count: 1 } values, _) && db.Database.IsNpgsql()
            ? values[0]
            : null;

    private static ConnectorQuery Rewrite(ConnectorQuery query, Func<IReadOnlyList<string>, bool> rare) =>
        query with { Filter = (Expression<Func<Connector, bool>>)new PostgresIndexedFilter(rare).Visit(query.Filter!) };

    private static string Key(IReadOnlyList<string> values) => string.Join('\u0001', values);

    /// <summary>The values of a tag test (<c>c.Tags.Any(t =&gt; t == v)</c> or <c>…Any(t =&gt; values.Contains(t))</c>) and its connector.</summary>
    private static (IReadOnlyList<string> Values, ParameterExpression Owner)? TagTest(MethodCallExpression node) =>
        node.Method.DeclaringType == typeof(Enumerable) && node.Method.Name == nameof(Enumerable.Any) && node.Arguments.Count == 2
        && node.Arguments[0] is MemberExpression { Member.Name: nameof(Connector.Tags), Expression: ParameterExpression owner }
        && node.Arguments[1] is LambdaExpression element && SqliteIndexedFilter.TagValues(element) is { } values
            ? (values, owner)
            : null;

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (TagTest(node) is var (values, owner))
        {
            // Tags && values: true exactly when some tag is one of the values (none is null), as a condition the tag
            // index answers; Npgsql sends a list test as a scan of each row's unnested tags, which no index answers.
            var test = values.Count == 1 && node.Arguments[1] is LambdaExpression { Body: BinaryExpression { NodeType: ExpressionType.Equal } } ? node : Overlap(owner, values);
            return rare(values) ? Expression.AndAlso(test, Overlap(owner, values)) : test;
        }

        // field:value, tags:value (a substring of a lower-cased field or tag): the lower-cased search text holds it too,
        // which its trigram index answers (from three characters on). This relies on PostgreSQL's lower() folding as .NET's
        // invariant lower-casing does (PostgresStringTranslator); the search text is lower-cased by .NET.
        if (node.Method == SqliteIndexedFilter.StringContains && SqliteIndexedFilter.Value<string>(node.Arguments[0]) is { } part
            && part.Length >= SqliteIndexedFilter.MinIndexedLength && SqliteIndexedFilter.FreeTextField(node.Object) is { } field)
        {
            return Expression.AndAlso(node, InSearchText(field.Connector, part));
        }

        if (LoweredTagPart(node) is var (tagOwner, tagPart) && tagPart.Length >= SqliteIndexedFilter.MinIndexedLength)
        {
            return Expression.AndAlso(node, InSearchText(tagOwner, tagPart));
        }

        return base.VisitMethodCall(node);
    }

    /// <summary>
    /// The value of <c>c.Tags.Any(t =&gt; t.ToLower().Contains(part))</c> (<c>tags:part</c> in GraphQL's <c>query</c>) or
    /// <c>c.Tags.Any(t =&gt; t.ToLower() == value)</c> (REST's <c>query=tags:value</c>): either way in the search text.
    /// </summary>
    private static (ParameterExpression Owner, string Part)? LoweredTagPart(MethodCallExpression node) =>
        node.Method.DeclaringType == typeof(Enumerable) && node.Method.Name == nameof(Enumerable.Any) && node.Arguments.Count == 2
        && node.Arguments[0] is MemberExpression { Member.Name: nameof(Connector.Tags), Expression: ParameterExpression owner }
        && node.Arguments[1] is LambdaExpression { Body: var body }
        && body switch
        {
            MethodCallExpression { Object: MethodCallExpression { Object: ParameterExpression } lowered } call =>
                call.Method == SqliteIndexedFilter.StringContains && lowered.Method == SqliteIndexedFilter.StringToLower ? call.Arguments[0] : null,
            BinaryExpression { NodeType: ExpressionType.Equal, Left: MethodCallExpression { Object: ParameterExpression } lowered } equal =>
                lowered.Method == SqliteIndexedFilter.StringToLower ? equal.Right : null,
            _ => null,
        } is { } value && SqliteIndexedFilter.Value<string>(value) is { } part
            ? (owner, part)
            : null;

    private static Expression InSearchText(ParameterExpression connector, string part) =>
        Expression.Call(Expression.Property(connector, nameof(Connector.SearchText)), SqliteIndexedFilter.StringContains, QueryParameter.For(part.ToLowerInvariant()));

    private static MethodCallExpression Overlap(ParameterExpression owner, IReadOnlyList<string> values)
    {
        var tag = Expression.Parameter(typeof(string), "t");
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], QueryParameter.For(values.ToList()), tag);
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(string)],
            Expression.Property(owner, nameof(Connector.Tags)), Expression.Lambda<Func<string, bool>>(contains, tag));
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (SqliteIndexedFilter.PrefixTest(node) is var (access, prefix))
        {
            return SqliteIndexedFilter.PrefixRange(access, prefix);
        }

        // REST's field:value, lower(field) = value: the search text holds the value too (as for a substring, above).
        if (node.NodeType == ExpressionType.Equal && SqliteIndexedFilter.FreeTextField(node.Left) is { } field
            && SqliteIndexedFilter.Value<string>(node.Right) is { Length: >= SqliteIndexedFilter.MinIndexedLength } value)
        {
            return Expression.AndAlso(node, InSearchText(field.Connector, value));
        }

        return base.VisitBinary(node);
    }
}
