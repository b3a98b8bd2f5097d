using System.Data;
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
/// <item>Any other test of one tag (<c>tags:value</c>, REST's whole value, <c>tags some contains</c>) is first applied by
/// PostgreSQL to the distinct tags in use (the trigger-kept <c>connector_tag_counts</c>; <see cref="DistinctValueTests"/>),
/// and becomes the overlap with the tags that pass it (<c>Tags &amp;&amp; @tags</c>, one tag as a tag test), which the
/// tag index answers; a rare one's page repeats it, as a rare tag's does. (Npgsql cannot send the overlap with a
/// subquery's tags in one statement, so the tags are read first, in a repeatable-read transaction (it only reads) that the
/// page and the count then share: a tag first used by a write committed in between cannot be missed.)</item>
/// <item>A test of the category or the processor's name other than equality and <c>in</c> (<see cref="KeptValueTest"/>:
/// <c>category:value</c>, <c>processor.name:value</c>, <c>contains</c>, <c>neq</c>…) is applied to the kept distinct
/// values first (<see cref="KeptValuesAsync"/>), in the same repeatable-read transaction, and the values it chooses are
/// sent as a list: the column's index, estimated from the planner's statistics.</item>
/// </list>
/// A substring of a lower-cased field (<c>name:value</c>, <c>description:value</c>) that is no kept column needs
/// no rewrite: the <c>FieldTextIndexes</c> migration indexes the very expression EF Core sends (<c>lower(x COLLATE
/// "default") LIKE …</c>) with trigrams. It is not rewritten onto the search text: that text is lower-cased by .NET, the
/// field by PostgreSQL's <c>lower()</c>, and the two differ (U+0130 'İ'), so the added condition could drop rows.
/// </summary>
internal sealed class PostgresIndexedFilter(
    IQueryable<NameCount> tagCounts, Func<IndexedTest, PostgresIndexedFilter.Probe?> probed, IReadOnlyDictionary<Expression, Expression>? keptValues = null)
    : ExpressionVisitor
{
    /// <summary>At most this many values of a kept column a test chooses are sent as a list; more are looked up by a subquery.</summary>
    private const int MaxListedValues = 200;

    /// <summary>At most this many tag tests (and, apart, kept-value tests) of one filter are probed; the rest are left as they are.</summary>
    private const int MaxProbes = 8;

    /// <summary>A test of one tag that selects more distinct tags than this is left as it is (a scan).</summary>
    private const int MaxNames = 1000;

    /// <summary>How many tests of one tag this pass has met (their probes' keys).</summary>
    private int tagTexts;

    /// <summary>What a probe found: the distinct values a test selects, and whether few connectors hold them.</summary>
    internal sealed record Probe(IReadOnlyList<string> Names, bool Rare);

    /// <summary>The filter as the planner answers it best, for a page and for counting every match (see the class summary).</summary>
    public static async Task<IndexedQueries> RewriteAsync(ConnectorQuery query, CocoDbContext db, CancellationToken ct)
    {
        if (query.Filter is null)
        {
            return new(query, query);
        }

        // A test of one tag needs its tags read in any case; a tag list only to tell a rare one, for a page that could
        // walk the order's index.
        var tests = new List<IndexedTest>();
        var walkable = SqliteIndexedFilter.Walkable(query.TotalOrder);
        Rewrite(query, db, null, test =>
        {
            if (test.Kind == IndexedTestKind.TagText || walkable)
            {
                tests.Add(test);
            }

            return null;
        });

        var keptTests = new List<(Expression Node, KeptValueTest Test)>();
        new KeptValueFinder(keptTests).Visit(query.Filter);

        // The tags a test selects (and the kept values one chooses) are read in one statement and named in the next: both
        // read one snapshot, so a value first used by a write committed in between is neither found nor missed. The
        // transaction only reads, and ends (rolled back) with the context.
        if ((keptTests.Count > 0 || tests.Any(t => t.Kind == IndexedTestKind.TagText)) && db.Database.CurrentTransaction is null)
        {
            await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        }

        var probes = new Dictionary<string, Probe>(StringComparer.Ordinal);
        foreach (var test in tests.DistinctBy(t => t.Key).Take(MaxProbes))
        {
            if (await ProbeAsync(db, test.Names!, ct) is { } probe)
            {
                probes[test.Key] = probe;
            }
        }

        // Counting reads every match anyway (a bitmap scan of the tag index, which the planner picks without help).
        var kept = await KeptValuesAsync(keptTests, db, ct);
        return new(
            Rewrite(query, db, kept, test => probes.GetValueOrDefault(test.Key)),
            Rewrite(query, db, kept, test => probes.GetValueOrDefault(test.Key) is { } probe ? probe with { Rare = false } : null));
    }

    /// <summary>
    /// Each test of the category or the processor's name (<see cref="KeptValueTest"/>) as the values it chooses among the
    /// kept distinct values, read first: sent as a list (one value as an equality), they let the planner estimate the
    /// matches from its statistics and seek the column's indexes in the page's order (a subquery it can only guess, and
    /// it would walk the order's index testing every row to find that no connector matches).
    /// </summary>
    private static async Task<IReadOnlyDictionary<Expression, Expression>> KeptValuesAsync(
        List<(Expression Node, KeptValueTest Test)> tests, CocoDbContext db, CancellationToken ct)
    {
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
    /// The distinct values a test selects (null past <see cref="MaxNames"/>), and whether the connectors holding them are
    /// at most the selective share of the collection (the bound of <see cref="SqliteIndexedFilter.SelectiveMatches"/>; a
    /// connector holding two tags counts twice, which only calls a test common sooner). The collection's size is the
    /// planner's own estimate (<c>pg_class.reltuples</c>, -1 before the first ANALYZE, which leaves the smallest bound).
    /// </summary>
    private static async Task<Probe?> ProbeAsync(CocoDbContext db, IQueryable<NameCount> names, CancellationToken ct)
    {
        var bound = db.Database.SqlQuery<long>($"""
            SELECT greatest({SqliteIndexedFilter.AlwaysSelective}, least({SqliteIndexedFilter.SelectiveMatches},
                (SELECT reltuples FROM pg_class WHERE oid = 'connectors'::regclass)::bigint / {SqliteIndexedFilter.SelectiveShare}))::bigint AS "Value"
            """);
        // One row; ordered only so EF Core does not warn of a First() without OrderBy on every probe.
        var held = await names.OrderBy(n => n.Name).Take(MaxNames + 1).Select(n => new { n.Name, n.Count, Bound = bound.OrderBy(b => b).First() }).ToListAsync(ct);
        return held.Count > MaxNames ? null : new([.. held.Select(n => n.Name)], held.Count == 0 || held.Sum(n => (long)n.Count) <= held[0].Bound);
    }

    /// <summary>
    /// The tag, when a filter is nothing but <c>tags some eq value</c> (as <see cref="RewriteAsync"/> leaves it for
    /// counting), else null: its count is the one the trigger keeps in <c>connector_tag_counts</c>.
    /// </summary>
    public static string? TagOnly(ConnectorQuery query, CocoDbContext db) =>
        query.Filter?.Body is MethodCallExpression call && TagTest(call) is ({ Count: 1 } values, _) && db.Database.IsNpgsql()
            ? values[0]
            : null;

    private static ConnectorQuery Rewrite(
        ConnectorQuery query, CocoDbContext db, IReadOnlyDictionary<Expression, Expression>? keptValues, Func<IndexedTest, Probe?> probed) =>
        query with
        {
            Filter = (Expression<Func<Connector, bool>>)new PostgresIndexedFilter(PostgresTagCounts.Counts(db), probed, keptValues).Visit(query.Filter!),
        };

    /// <summary>A test of a kept column, as <see cref="KeptValuesAsync"/> chose its values.</summary>
    [return: NotNullIfNotNull(nameof(node))]
    public override Expression? Visit(Expression? node) =>
        node is not null && keptValues is not null && keptValues.TryGetValue(node, out var rewritten) ? rewritten : base.Visit(node);

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
            var test = values.Count == 1 && node.Arguments[1] is LambdaExpression { Body: BinaryExpression { NodeType: ExpressionType.Equal } } ? node : Overlap(owner, QueryParameter.For(values.ToList()));
            var held = tagCounts.Where(n => values.Contains(n.Name));
            return probed(new(IndexedTestKind.Tags, values, Names: held)) is { Rare: true } ? Expression.AndAlso(test, Overlap(owner, QueryParameter.For(values.ToList()))) : test;
        }

        // Some tag passes the test exactly when the connector holds one of the tags in use that pass it.
        // Its probe is found again by its place among the filter's tag tests (every pass visits the same tree in the same
        // order); the probe's tags decide the answer, so the key must not be shared, as an identity hash code may be.
        if (DistinctValueTests.TagTest(node) is var (tagOwner, element)
            && probed(new(IndexedTestKind.TagText, [$"#{tagTexts++}"], Names: DistinctValueTests.Named(tagCounts, element))) is { } probe)
        {
            if (probe.Names.Count == 0)
            {
                return Expression.Constant(false);
            }

            // A rare tag's page repeats the test as an overlap, as a rare tag's does (above).
            var overlap = Overlap(tagOwner, QueryParameter.For(probe.Names.ToList()));
            var test = probe.Names.Count == 1 ? OneTag(tagOwner, probe.Names[0]) : overlap;
            return probe.Rare ? Expression.AndAlso(test, overlap) : test;
        }

        return base.VisitMethodCall(node);
    }

    /// <summary><c>Tags @&gt; ARRAY[tag]</c>, as a filter of one tag is sent (and counted from its kept count, <see cref="TagOnly"/>).</summary>
    private static MethodCallExpression OneTag(ParameterExpression owner, string tag)
    {
        var t = Expression.Parameter(typeof(string), "t");
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(string)],
            Expression.Property(owner, nameof(Connector.Tags)), Expression.Lambda<Func<string, bool>>(Expression.Equal(t, QueryParameter.For(tag)), t));
    }

    /// <summary><c>Tags &amp;&amp; values</c>: true exactly when some tag is one of the values (a null array of values overlaps nothing).</summary>
    private static MethodCallExpression Overlap(ParameterExpression owner, Expression values)
    {
        var tag = Expression.Parameter(typeof(string), "t");
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], values, tag);
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
