using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

/// <summary>
/// Rewrites a compiled filter, for the SQLite store only, into an equivalent one its indexes can answer: free-text
/// terms go to the trigram index <c>connectors_search</c>, tag tests to <c>connector_tags</c>, and string prefixes
/// become a range seek. Each rewrite either replaces a test by one that matches exactly the same rows (the indexes are
/// kept equal to the columns by triggers) or adds a condition the test already implies, so the answer never changes;
/// what cannot be proven equivalent (short or wildcard terms, lone surrogates) is left as it was and scans.
/// A test of one tag that is not an equality (<c>tags:value</c>, <c>tags some contains</c>) and any test of the
/// category or the processor's name other than equality and <c>in</c> (<see cref="KeptValueTest"/>: <c>category:value</c>,
/// <c>processor.name:value</c>, <c>contains</c>, <c>startsWith</c>, <c>neq</c>…) is first applied to the few distinct
/// values in use (the trigger-kept count tables), then those values are looked up in the tag or column index.
/// </summary>
/// <remarks>
/// Only the SQL side is rewritten: <see cref="ConnectorFilter.Matches"/> runs the original expression in memory.
/// Correctness rests on SQLite facts: <c>lower()</c> is .NET's invariant lower-casing (<see cref="SqliteConnectionSetup"/>),
/// <c>SearchText</c> is the invariant lower-casing of the free-text fields joined, and text compares by code point (BINARY).
/// </remarks>
internal sealed class SqliteIndexedFilter(
    IQueryable<SearchIndexEntry> searchIndex, IQueryable<ConnectorTagEntry> tagIndex, IQueryable<NameCount> tagCounts, Func<KeptValues, IQueryable<NameCount>> keptCounts,
    Func<IndexedTest, bool> useIndex) : ExpressionVisitor
{
    /// <summary>The trigram index answers a substring of at least this many characters.</summary>
    public const int MinIndexedLength = 3;

    /// <summary>
    /// A free-text term is read through its index when at most this many rows may hold it, and at most a
    /// <see cref="SelectiveShare"/>-th of the rows (see <see cref="RewriteAsync"/>); every term held by at most
    /// <see cref="AlwaysSelective"/> rows is. Past that, walking rows in order finds a page sooner and a scan counts sooner.
    /// </summary>
    public const int SelectiveMatches = 5000;

    /// <summary>See <see cref="SelectiveMatches"/>: the share of the collection past which a term is common.</summary>
    public const int SelectiveShare = 16;

    /// <summary>See <see cref="SelectiveMatches"/>: so few rows are found through the index at any collection size.</summary>
    public const int AlwaysSelective = 100;

    /// <summary>At most this many tests of one filter are probed for how selective they are; the rest are read as common.</summary>
    private const int MaxProbes = 8;

    /// <summary>At most this many trigrams of a term are asked for in a probe (fewer only over-count, which is safe).</summary>
    private const int MaxTrigrams = 8;

    internal static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    internal static readonly MethodInfo StringToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo StringSubstringRange = typeof(string).GetMethod(nameof(string.Substring), [typeof(int), typeof(int)])!;
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo GlobMethod = typeof(SqliteDbFunctionsExtensions).GetMethod(nameof(SqliteDbFunctionsExtensions.Glob))!;

    private static readonly HashSet<string> FreeTextMembers =
        [nameof(Connector.Name), nameof(Connector.Description), nameof(Connector.Category), nameof(ConnectorProcessor.Name)];

    private static readonly HashSet<string> PrefixColumns = [nameof(Connector.Name), nameof(Connector.Id)];

    /// <summary>
    /// The filter as the indexes answer it best, for a page and for counting every match. One bounded probe per
    /// free-text term asks the index whether more than <see cref="SelectiveMatches"/> rows may hold it; both rewrites
    /// share it. A selective term goes through the index; a common one stays a row test, because walking the order's
    /// index and testing each row finds a page sooner, and counting by a scan beats looking every match up.
    /// </summary>
    public static async Task<IndexedQueries> RewriteAsync(ConnectorQuery query, CocoDbContext db, CancellationToken ct)
    {
        if (query.Filter is null || !db.Database.IsSqlite())
        {
            return new(query, query);
        }

        var tests = new List<IndexedTest>();
        Rewrite(query, db, test =>
        {
            tests.Add(test);
            return true;
        });
        // Free-text terms are probed, and tag tests when the page's order has an index to walk: a common tag's page is
        // found sooner by walking that index and testing each row than by sorting every tagged row, a rare or absent
        // tag's only through the tag index (a walk could not bound it). Counting always reads the tag index. An id
        // prefix always seeks the primary key (ids are opaque, so a prefix of one names few rows); a name prefix seeks
        // only to count.
        var selective = new HashSet<string>(StringComparer.Ordinal);
        var probes = tests.Where(t => t.Kind == IndexedTestKind.Text || (t.Kind != IndexedTestKind.Prefix && Walkable(query.TotalOrder)))
            .DistinctBy(t => t.Key).ToList();
        foreach (var test in probes.Take(MaxProbes))
        {
            var common = test.Kind switch
            {
                IndexedTestKind.Tags => CommonTagsAsync(db, test.Values, ct),
                IndexedTestKind.TagText or IndexedTestKind.KeptValues => CommonNamesAsync(db, test.Names!, ct),
                _ => CommonAsync(db, test.Values[0], ct),
            };
            if (!await common)
            {
                selective.Add(test.Key);
            }
        }

        // A tag or category test past the probes' budget reads its index, as it would without an order to walk.
        selective.UnionWith(probes.Skip(MaxProbes).Where(t => t.Kind != IndexedTestKind.Text).Select(t => t.Key));
        var probed = probes.Where(t => t.Kind != IndexedTestKind.Text).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        return new(
            Rewrite(query, db, test => Use(test, selective, probed, forCount: false)),
            Rewrite(query, db, test => Use(test, selective, probed, forCount: true)));
    }

    /// <summary>
    /// The ids an index lists, when a rewritten filter is nothing but that one lookup (<c>Id IN (SELECT … FROM index)</c>),
    /// else null. Every id an index lists is a stored connector (the triggers keep them in step), so counting the
    /// distinct ids counts the matches without reading a connector.
    /// </summary>
    public static IQueryable<string>? IndexOnly(ConnectorQuery indexed, CocoDbContext db) =>
        indexed.Filter?.Body is MethodCallExpression { Method.Name: nameof(Queryable.Contains), Arguments: [var ids, MemberExpression { Member.Name: nameof(Connector.Id), Expression: ParameterExpression }] } call
            && call.Method.DeclaringType == typeof(Queryable) && db.Database.IsSqlite()
            ? db.Connectors.AsQueryable().Provider.CreateQuery<string>(ids)
            : null;

    /// <summary>
    /// The rows of <c>connector_tag_counts</c> a rewritten filter selects, when it is nothing but the lookup of those tags
    /// in the tag index (<see cref="IndexOnly"/> with <c>Tag IN (SELECT Name …)</c>), else null. When one tag is selected,
    /// its kept count is the number of matches (the tag index lists a connector once per tag); several may overlap.
    /// </summary>
    public static IQueryable<NameCount>? TagsOnly(ConnectorQuery indexed, CocoDbContext db) =>
        IndexOnly(indexed, db)?.Expression is MethodCallExpression
        {
            Method.Name: nameof(Queryable.Select),
            Arguments: [MethodCallExpression { Method.Name: nameof(Queryable.Where), Arguments: [var source, UnaryExpression { Operand: LambdaExpression predicate }] }, _],
        }
            && source.Type.IsAssignableTo(typeof(IQueryable<ConnectorTagEntry>))
            && predicate.Body is MethodCallExpression
            {
                Method.Name: nameof(Queryable.Contains),
                Arguments: [MethodCallExpression { Method.Name: nameof(Queryable.Select), Arguments: [var rows, _] }, MemberExpression { Member.Name: nameof(ConnectorTagEntry.Tag) }],
            }
            && rows.Type.IsAssignableTo(typeof(IQueryable<NameCount>))
            ? db.Connectors.AsQueryable().Provider.CreateQuery<NameCount>(rows)
            : null;

    /// <summary>
    /// The tag, when a rewritten filter is nothing but the lookup of one tag in the tag index (<see cref="IndexOnly"/>
    /// with <c>Tag = value</c>), else null: its count is the one the triggers keep in <c>connector_tag_counts</c>
    /// (the tag index lists a connector once per tag).
    /// </summary>
    public static string? TagOnly(ConnectorQuery indexed, CocoDbContext db) =>
        IndexOnly(indexed, db)?.Expression is MethodCallExpression
        {
            Method.Name: nameof(Queryable.Select),
            Arguments: [MethodCallExpression { Method.Name: nameof(Queryable.Where), Arguments: [var source, UnaryExpression { Operand: LambdaExpression predicate }] }, _],
        }
            && source.Type.IsAssignableTo(typeof(IQueryable<ConnectorTagEntry>))
            && predicate.Body is BinaryExpression { NodeType: ExpressionType.Equal, Left: MemberExpression { Member.Name: nameof(ConnectorTagEntry.Tag) }, Right: var value }
            ? Value<string>(value)
            : null;

    private static bool Use(IndexedTest test, HashSet<string> selective, HashSet<string> probed, bool forCount) => test.Kind switch
    {
        IndexedTestKind.Prefix => forCount || test.Column == nameof(Connector.Id),
        IndexedTestKind.Tags or IndexedTestKind.TagText or IndexedTestKind.KeptValues => forCount || !probed.Contains(test.Key) || selective.Contains(test.Key),
        _ => selective.Contains(test.Key),
    };

    /// <summary>
    /// Whether a page in this order can walk an index of <c>connectors</c> in order (its first key is a non-null column
    /// with a <c>(key, Id)</c> index, or the id), so that a row test stops after one page of matches.
    /// </summary>
    internal static bool Walkable(IReadOnlyList<SortKey> order) =>
        order.Count > 0 && (order[0].Field == QueryFields.Created || order[0].Field == QueryFields.Updated
            || order[0].Field == QueryFields.Name || order[0].Field == QueryFields.Id);

    /// <summary>
    /// Whether the tag index lists more than the common share of the collection (<see cref="SelectiveMatches"/>) under
    /// these values: a bounded seek in its primary key (a connector holding two of the values counts twice, which only
    /// calls a tag test common sooner; both answers are exact).
    /// </summary>
    private static Task<bool> CommonTagsAsync(CocoDbContext db, IReadOnlyList<string> values, CancellationToken ct) =>
        db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM connector_tags WHERE Tag IN (SELECT value FROM json_each({JsonSerializer.Serialize(values)})) LIMIT 1
                OFFSET max({AlwaysSelective}, min({SelectiveMatches}, (SELECT coalesce(max(rowid), 0) FROM connectors) / {SelectiveShare}))) AS Value
            """).SingleAsync(ct);

    /// <summary>
    /// Whether the distinct tags or categories a test selects (<see cref="IndexedTest.Names"/>) are held by more than the
    /// common share of the collection: the sum of their kept counts (a connector holding two of the tags counts twice,
    /// which only calls the test common sooner).
    /// </summary>
    private static async Task<bool> CommonNamesAsync(CocoDbContext db, IQueryable<NameCount> names, CancellationToken ct)
    {
        var held = await names.SumAsync(n => (long)n.Count, ct);
        var rows = await db.Database.SqlQuery<long>($"SELECT coalesce(max(rowid), 0) AS Value FROM connectors").SingleAsync(ct);
        return held > Math.Max(AlwaysSelective, Math.Min(SelectiveMatches, rows / SelectiveShare));
    }

    /// <summary>
    /// Whether the free-text term is common (<see cref="SelectiveMatches"/>). It asks the index for rows holding every
    /// trigram of the term (<see cref="TrigramQuery"/>): that walks the trigrams' row lists only, without reading any
    /// row's text as a <c>GLOB</c> must, and over-counts at worst, so a term it calls selective is. The collection's
    /// size is read as the largest rowid (one seek; deleted rows make it an over-estimate, which only allows more).
    /// </summary>
    private static Task<bool> CommonAsync(CocoDbContext db, string term, CancellationToken ct) =>
        db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM connectors_search WHERE connectors_search MATCH {TrigramQuery(term)} LIMIT 1
                OFFSET max({AlwaysSelective}, min({SelectiveMatches}, (SELECT coalesce(max(rowid), 0) FROM connectors) / {SelectiveShare}))) AS Value
            """).SingleAsync(ct);

    /// <summary>
    /// An FTS5 query for the rows whose text holds each (distinct) trigram of <paramref name="term"/>: <c>"git" AND "ith"</c>.
    /// Each trigram is a quoted string (quotes doubled), so no character of the term is read as query syntax. A phrase
    /// would be exact, but an index without positions (<c>detail = none</c>) answers only single tokens.
    /// </summary>
    internal static string TrigramQuery(string term)
    {
        var runes = term.EnumerateRunes().Select(r => r.ToString()).ToList();
        var trigrams = Enumerable.Range(0, Math.Max(runes.Count - MinIndexedLength + 1, 0))
            .Select(i => string.Concat(runes.Skip(i).Take(MinIndexedLength)))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTrigrams)
            .Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        return string.Join(" AND ", trigrams);
    }

    private static ConnectorQuery Rewrite(ConnectorQuery query, CocoDbContext db, Func<IndexedTest, bool> useIndex) =>
        query.Filter is null || !db.Database.IsSqlite()
            ? query
            : query with
            {
                Filter = (Expression<Func<Connector, bool>>)new SqliteIndexedFilter(db.Set<SearchIndexEntry>(), db.Set<ConnectorTagEntry>(),
                    SqliteSearchModel.TagCounts(db), kept => kept.Counts(db), useIndex).Visit(query.Filter),
            };

    /// <summary>A GLOB pattern matching text that contains <paramref name="term"/> (which holds no wildcard).</summary>
    private static string Pattern(string term) => $"*{term}*";

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        // The free-text term: c.SearchText.Contains(term) holds exactly when the index holds the term for c.
        if (node.Method == StringContains && node.Object is MemberExpression { Member.Name: nameof(Connector.SearchText), Expression: ParameterExpression connector }
            && Value<string>(node.Arguments[0]) is { } term && Indexable(term) && useIndex(new(IndexedTestKind.Text, [term])))
        {
            return InSearchIndex(connector, term);
        }

        // A substring of a lower-cased free-text field (field:value): it is then also in the lower-cased search text.
        if (node.Method == StringContains && FreeTextField(node.Object) is { } field && Value<string>(node.Arguments[0]) is { } part
            && Indexable(part.ToLowerInvariant()) && useIndex(new(IndexedTestKind.Text, [part.ToLowerInvariant()])))
        {
            return Expression.AndAlso(node, InSearchIndex(field.Connector, part.ToLowerInvariant()));
        }

        if (node.Method.DeclaringType == typeof(Enumerable) && node.Method.Name == nameof(Enumerable.Any) && node.Arguments.Count == 2
            && node.Arguments[0] is MemberExpression { Member.Name: nameof(Connector.Tags), Expression: ParameterExpression owner }
            && node.Arguments[1] is LambdaExpression element && TagValues(element) is { } values)
        {
            // Some tag equals one of these values: exactly the connectors the tag index lists under them.
            return useIndex(new(IndexedTestKind.Tags, values)) ? InTagIndex(owner, values) : base.VisitMethodCall(node);
        }

        // Any other test of one tag (tags:value in `query`, `some: {contains: …}`): some tag of c passes it exactly when c
        // holds one of the tags in use that pass it, and those are found among the distinct tags (their kept counts).
        if (DistinctValueTests.TagTest(node) is var (tagOwner, tagTest))
        {
            var matching = DistinctValueTests.Named(tagCounts, tagTest);
            if (useIndex(new(IndexedTestKind.TagText, [$"#{RuntimeHelpers.GetHashCode(tagTest)}"], Names: matching)))
            {
                return InTagIndex(tagOwner, DistinctValueTests.Names(matching));
            }
        }

        return base.VisitMethodCall(node);
    }

    /// <summary>
    /// The prefix test of <see cref="ValueExpressions.StartsWith"/>, <c>length(x) &gt;= length(v) AND substr(x, 1, length(v)) = v</c>,
    /// gains <c>x &gt;= v AND x &lt; successor(v)</c>: the same rows under code-point order, as a seek in x's index.
    /// </summary>
    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (PrefixTest(node) is var (access, prefix) && useIndex(new(IndexedTestKind.Prefix, [prefix], access.Member.Name, Successor(prefix))))
        {
            return Expression.AndAlso(PrefixRange(access, prefix), node);
        }

        return base.VisitBinary(node);
    }

    /// <summary>The column and the prefix, when <paramref name="node"/> is <see cref="ValueExpressions.StartsWith"/>'s test of <c>Name</c> or <c>Id</c>.</summary>
    internal static (MemberExpression Access, string Prefix)? PrefixTest(BinaryExpression node) =>
        node.NodeType == ExpressionType.AndAlso
        && node.Right is BinaryExpression { NodeType: ExpressionType.Equal, Left: MethodCallExpression substring } equal
        && substring.Method == StringSubstringRange && substring.Object is MemberExpression { Expression: ParameterExpression } access
        && PrefixColumns.Contains(access.Member.Name) && substring.Arguments[0] is ConstantExpression { Value: 0 }
        && Value<string>(equal.Right) is { Length: > 0 } prefix && !HasLoneSurrogate(prefix)
            ? (access, prefix)
            : null;

    /// <summary><c>x &gt;= prefix AND x &lt; successor(prefix)</c> (no upper bound when there is no successor): a range of x's index.</summary>
    internal static Expression PrefixRange(MemberExpression access, string prefix)
    {
        var range = Compare(access, ExpressionType.GreaterThanOrEqual, prefix);
        return Successor(prefix) is { } upper ? Expression.AndAlso(range, Compare(access, ExpressionType.LessThan, upper)) : range;
    }

    private Expression InSearchIndex(ParameterExpression connector, string term)
    {
        // Id IN (SELECT Id FROM connectors_search WHERE Text GLOB '*term*'): a literal pattern (no wildcard in the term).
        var entry = Expression.Parameter(typeof(SearchIndexEntry), "s");
        var glob = Expression.Call(GlobMethod, Expression.Property(null, typeof(EF), nameof(EF.Functions)), Expression.Property(entry, nameof(SearchIndexEntry.Text)),
            QueryParameter.For(Pattern(term)));
        var ids = Select(Where(searchIndex.Expression, Expression.Lambda<Func<SearchIndexEntry, bool>>(glob, entry)), entry, nameof(SearchIndexEntry.Id));
        return Contains(ids, Expression.Property(connector, nameof(Connector.Id)));
    }

    private Expression InTagIndex(ParameterExpression connector, IReadOnlyList<string> values)
    {
        var entry = Expression.Parameter(typeof(ConnectorTagEntry), "t");
        var tag = Expression.Property(entry, nameof(ConnectorTagEntry.Tag));
        Expression test = values.Count == 1
            ? Expression.Equal(tag, QueryParameter.For(values[0]))
            : Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], QueryParameter.For(values.ToList()), tag);
        return InTagIndex(connector, entry, test);
    }

    /// <summary><c>Id IN (SELECT ConnectorId FROM connector_tags WHERE Tag IN (tags))</c>, for a query of tags.</summary>
    private Expression InTagIndex(ParameterExpression connector, Expression tags)
    {
        var entry = Expression.Parameter(typeof(ConnectorTagEntry), "t");
        return InTagIndex(connector, entry, Contains(tags, Expression.Property(entry, nameof(ConnectorTagEntry.Tag))));
    }

    private Expression InTagIndex(ParameterExpression connector, ParameterExpression entry, Expression test)
    {
        var ids = Select(Where(tagIndex.Expression, Expression.Lambda<Func<ConnectorTagEntry, bool>>(test, entry)), entry, nameof(ConnectorTagEntry.ConnectorId));
        return Contains(ids, Expression.Property(connector, nameof(Connector.Id)));
    }

    /// <summary>
    /// A test of the category or the processor's name (<see cref="KeptValueTest"/>): the distinct values in use that
    /// pass it, then the column's index (<c>c.Col IN (SELECT Name FROM kept WHERE test(Name))</c>); a common one's
    /// page walks the order's index instead (<see cref="KeptValueTest.Unindexed"/>).
    /// </summary>
    [return: NotNullIfNotNull(nameof(node))]
    public override Expression? Visit(Expression? node)
    {
        if (node is not null && KeptValueTest.Find(node) is { } test)
        {
            var matching = test.Matching(keptCounts(test.Kept));
            // A test many connectors pass, in an order with an index to walk: the page walks that index testing each row
            // (a few rows per match) rather than sorting every match the column's index would find.
            return useIndex(new(IndexedTestKind.KeptValues, [$"#{RuntimeHelpers.GetHashCode(node)}"], test.Kept.Field.Name, Names: matching))
                ? test.In(DistinctValueTests.Names(matching))
                : test.Unindexed(node);
        }

        return base.Visit(node);
    }

    private static Expression Where<T>(Expression source, Expression<Func<T, bool>> predicate) =>
        Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(T)], source, Expression.Quote(predicate));

    private static Expression Select(Expression source, ParameterExpression entry, string member) =>
        Expression.Call(typeof(Queryable), nameof(Queryable.Select), [entry.Type, typeof(string)], source,
            Expression.Quote(Expression.Lambda(Expression.Property(entry, member), entry)));

    private static Expression Contains(Expression ids, Expression id) =>
        Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(string)], ids, id);

    private static Expression Compare(Expression access, ExpressionType comparison, string value) =>
        Expression.MakeBinary(comparison, Expression.Call(StringCompare, access, QueryParameter.For(value)), Expression.Constant(0));

    /// <summary>The values of <c>t =&gt; t == v</c>, <c>t =&gt; list.Contains(t)</c> or <c>t =&gt; t != null &amp;&amp; list.Contains(t)</c>.</summary>
    internal static IReadOnlyList<string>? TagValues(LambdaExpression element)
    {
        var tag = element.Parameters[0];
        var body = element.Body;
        if (body is BinaryExpression { NodeType: ExpressionType.AndAlso, Left: BinaryExpression { NodeType: ExpressionType.NotEqual, Left: var checkedTag, Right: ConstantExpression { Value: null } }, Right: var rest }
            && checkedTag == tag)
        {
            body = rest;
        }

        return body switch
        {
            BinaryExpression { NodeType: ExpressionType.Equal } eq when eq.Left == tag && Value<string>(eq.Right) is { } v => [v],
            MethodCallExpression { Method.Name: nameof(Enumerable.Contains), Arguments: [var list, var item] } call
                when call.Method.DeclaringType == typeof(Enumerable) && item == tag && Value<IEnumerable<string>>(list) is { } values
                && values.All(v => v is not null) => values.ToList(),
            _ => null,
        };
    }

    /// <summary>
    /// <c>field.ToLower()</c> of a free-text field (what <c>field:value</c> in <c>query</c> tests): a term it contains is
    /// also in the lower-cased search text. (Case-sensitive <c>contains</c> is left to scan: it stays plain <c>instr</c>.)
    /// </summary>
    internal static (ParameterExpression Connector, Expression Access)? FreeTextField(Expression? instance) =>
        instance is MethodCallExpression { Object: MemberExpression { Member.Name: var name } member } lowered && lowered.Method == StringToLower
            && FreeTextMembers.Contains(name) && Root(member) is { } root
            ? (root, member)
            : null;

    private static ParameterExpression? Root(MemberExpression access) => access.Expression switch
    {
        ParameterExpression p when p.Type == typeof(Connector) => p,
        MemberExpression { Member.Name: nameof(Connector.Processor) } processor => processor.Expression as ParameterExpression,
        _ => null,
    };

    // Trigrams are of characters (runes), not UTF-16 units: "a😀" is three units but two characters and has no trigram.
    private static bool Indexable(string term) =>
        term.Length >= MinIndexedLength && term.IndexOfAny(['*', '?', '[', '\0']) < 0 && !HasLoneSurrogate(term)
        && term.EnumerateRunes().Take(MinIndexedLength).Count() >= MinIndexedLength;

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The smallest string (by code point) above every string that starts with <paramref name="prefix"/>, or null.</summary>
    internal static string? Successor(string prefix)
    {
        var codePoints = new List<int>();
        for (var i = 0; i < prefix.Length; i += char.IsSurrogatePair(prefix, i) ? 2 : 1)
        {
            codePoints.Add(char.ConvertToUtf32(prefix, i));
        }

        while (codePoints.Count > 0)
        {
            var last = codePoints[^1] + 1;
            codePoints.RemoveAt(codePoints.Count - 1);
            if (last is >= 0xD800 and <= 0xDFFF)
            {
                last = 0xE000;
            }

            if (last <= 0x10FFFF)
            {
                codePoints.Add(last);
                return string.Concat(codePoints.Select(char.ConvertFromUtf32));
            }
        }

        return null;
    }

    /// <summary>The value behind a parameter expression (<see cref="QueryParameter"/>, a captured local, a constant), or null.</summary>
    internal static T? Value<T>(Expression expression) where T : class => expression switch
    {
        ConstantExpression { Value: T value } => value,
        MemberExpression { Expression: ConstantExpression { Value: var holder }, Member: FieldInfo field } => field.GetValue(holder) as T,
        MemberExpression { Expression: ConstantExpression { Value: var holder }, Member: PropertyInfo property } => property.GetValue(holder) as T,
        _ => null,
    };
}
