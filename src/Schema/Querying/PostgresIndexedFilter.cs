using System.Diagnostics.CodeAnalysis;
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
/// </list>
/// A substring of a lower-cased field or tag (<c>name:value</c>, <c>tags:value</c>) is not rewritten onto the search
/// text: that text is lower-cased by .NET, the field by PostgreSQL's <c>lower()</c>, and the two differ (U+0130 'İ'),
/// so the added condition could drop rows the plain test matches.
/// </summary>
internal sealed class PostgresIndexedFilter(Func<IReadOnlyList<string>, bool> rare, IReadOnlyDictionary<Expression, Expression>? keptValues = null) : ExpressionVisitor
{
    /// <summary>At most this many values of a kept column a test chooses are sent as a list; more are looked up by a subquery.</summary>
    private const int MaxListedValues = 200;

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
        var kept = await KeptValuesAsync(query.Filter, db, ct);
        return new(Rewrite(query, values => rare.Contains(Key(values)), kept), Rewrite(query, _ => false, kept));
    }

    /// <summary>
    /// Each test of the category or the processor's name (<see cref="KeptValueTest"/>) as the values it chooses among the
    /// kept distinct values, read first: sent as a list (one value as an equality), they let the planner estimate the
    /// matches from its statistics and seek the column's indexes in the page's order (a subquery it can only guess, and
    /// it would walk the order's index testing every row to find that no connector matches).
    /// </summary>
    private static async Task<IReadOnlyDictionary<Expression, Expression>> KeptValuesAsync(
        Expression<Func<Connector, bool>> filter, CocoDbContext db, CancellationToken ct)
    {
        var tests = new List<(Expression Node, KeptValueTest Test)>();
        new KeptValueFinder(tests).Visit(filter);
        var rewritten = new Dictionary<Expression, Expression>();
        foreach (var (node, test) in tests.Take(MaxProbes))
        {
            var matching = test.Matching(test.Kept.Counts(db)).Select(n => n.Name);
            var names = await matching.OrderBy(n => n).Take(MaxListedValues + 1).ToListAsync(ct);
            rewritten[node] = names.Count switch
            {
                1 when !test.OrNull => Expression.Equal(test.Column, QueryParameter.For(names[0])),
                // A constant, not a parameter: the count cache keys a count by its statement's text (ToQueryString), which
                // does not spell out a list parameter's values.
                <= MaxListedValues => test.In(Expression.Constant(names)),
                _ => test.In(matching.Expression),
            };
        }

        foreach (var (node, test) in tests.Skip(MaxProbes))
        {
            rewritten[node] = test.In(test.Matching(test.Kept.Counts(db)).Select(n => n.Name).Expression);
        }

        return rewritten;
    }

    /// <summary>
    /// The tag, when a filter is nothing but <c>tags some eq value</c> (as <see cref="RewriteAsync"/> leaves it for
    /// counting), else null: its count is the one the trigger keeps in <c>connector_tag_counts</c>.
    /// </summary>
    public static string? TagOnly(ConnectorQuery query, CocoDbContext db) =>
        query.Filter?.Body is MethodCallExpression call && TagTest(call) is ({ Count: 1 } values, _) && db.Database.IsNpgsql()
            ? values[0]
            : null;

    private static ConnectorQuery Rewrite(ConnectorQuery query, Func<IReadOnlyList<string>, bool> rare, IReadOnlyDictionary<Expression, Expression> keptValues) =>
        query with { Filter = (Expression<Func<Connector, bool>>)new PostgresIndexedFilter(rare, keptValues).Visit(query.Filter!) };

    [return: NotNullIfNotNull(nameof(node))]
    public override Expression? Visit(Expression? node) =>
        node is not null && keptValues is not null && keptValues.TryGetValue(node, out var rewritten) ? rewritten : base.Visit(node);

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

        return base.VisitMethodCall(node);
    }

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

        return base.VisitBinary(node);
    }
}
