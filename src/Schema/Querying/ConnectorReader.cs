using System.Runtime.CompilerServices;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Coco.Connectors.Storage.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

/// <summary>
/// Reads connectors through the query model; every read is a database query, nothing is filtered in memory. On SQLite
/// the filter is first rewritten to use the search indexes (<see cref="SqliteIndexedFilter"/>), on PostgreSQL so that the
/// planner picks the right index (<see cref="PostgresIndexedFilter"/>).
/// </summary>
public sealed class ConnectorReader(IDbContextFactory<CocoDbContext> dbFactory, CountCache counts)
{
    public async Task<Connector?> FindAsync(string id, CancellationToken ct)
    {
        if (NulCharacters.In(id))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Connectors.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>The connectors with these ids, in one query (missing ids are simply absent).</summary>
    public async Task<IReadOnlyDictionary<string, Connector>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct, ConnectorColumns? columns = null)
    {
        ids = [.. ids.Where(id => !NulCharacters.In(id))];
        if (ids.Count == 0)
        {
            return new Dictionary<string, Connector>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (columns ?? ConnectorColumns.All).Select(db.Connectors.AsNoTracking().Where(c => ids.Contains(c.Id))).ToListAsync(ct);
        return found.ToDictionary(c => c.Id);
    }

    /// <summary>
    /// Keyset paging (first/after, last/before) over the query's filter in its total order; with
    /// <paramref name="includeTotal"/> also the COUNT, on the same context and connection (as <see cref="ReadAsync"/> does
    /// for REST), rather than a second context per request. A page that holds every match (<see cref="KeysetPage.HoldsEveryMatch"/>:
    /// a selective or empty search) is its own count: no count statement, no count-cache version read.
    /// </summary>
    public async Task<KeysetPage> ReadPageAsync(
        ConnectorQuery query, KeysetRequest request, PageLimits limits, bool includeTotal, CancellationToken ct, ConnectorColumns? columns = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var indexed = await RewriteAsync(query, db, ct);
        var page = await KeysetPager.ReadAsync(indexed.Page.Where(db.Connectors.AsNoTracking()), query.TotalOrder, request, limits, ct, columns);
        return includeTotal
            ? page with { TotalCount = page.HoldsEveryMatch ? page.Items.Count : Math.Max(await CountAsync(indexed.Count, db, ct), page.FewestMatches) }
            : page;
    }

    /// <summary>
    /// Offset paging: skips <paramref name="skip"/> rows of the ordered result and takes <paramref name="take"/>. The page
    /// is read first: a page that ends the result (<see cref="CountOf"/>) gives the count without counting.
    /// </summary>
    public async Task<ConnectorSlice> ReadAsync(ConnectorQuery query, int skip, int take, bool includeTotal, CancellationToken ct, ConnectorColumns? columns = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.Connectors.AsNoTracking();
        var indexed = await RewriteAsync(query, db, ct);
        // One row more than asked for says whether more follow; a count alone (take 0) reads no row.
        var readRows = take > 0 || !includeTotal;
        var items = readRows
            ? await (columns ?? ConnectorColumns.All).Select(indexed.Page.Apply(rows).Skip(skip).Take(take + 1)).ToListAsync(ct)
            : [];
        int? total = includeTotal
            ? (readRows ? CountOf(skip, take + 1, items.Count) : null) ?? Math.Max(await CountAsync(indexed.Count, db, ct), FewestMatches(skip, items.Count))
            : null;
        var hasMore = items.Count > take || (total is not null && (long)skip + take < total);
        return new ConnectorSlice(items.Take(take).ToList(), total, hasMore);
    }

    /// <summary>
    /// The number of matches, when <paramref name="read"/> rows came back for <paramref name="asked"/> read at offset
    /// <paramref name="skip"/> and that shows it: fewer rows than asked for end the result, and a page that is not empty
    /// also shows that <paramref name="skip"/> rows precede it (an empty page past the end does not say how far past).
    /// Else null.
    /// </summary>
    public static int? CountOf(int skip, int asked, int read) =>
        read < asked && (read > 0 || skip == 0) ? skip + read : null;

    /// <summary>
    /// The fewest matches <paramref name="read"/> rows at offset <paramref name="skip"/> prove (a page that is not empty
    /// shows that <paramref name="skip"/> rows precede it). The count is a second statement and a write may land between
    /// the two; a total is never smaller than the page it comes with.
    /// </summary>
    public static int FewestMatches(int skip, int read) => read > 0 ? (int)Math.Min(int.MaxValue, (long)skip + read) : 0;

    /// <summary>
    /// Offset paging one row at a time, without a count: a caller that stops early (an answer grown too large) stops
    /// the read there, instead of holding the whole page first.
    /// </summary>
    public async IAsyncEnumerable<Connector> StreamAsync(
        ConnectorQuery query, int skip, int take, ConnectorColumns columns, [EnumeratorCancellation] CancellationToken ct)
    {
        if (take == 0)
        {
            yield break;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var page = (await RewriteAsync(query, db, ct)).Page.Apply(db.Connectors.AsNoTracking()).Skip(skip).Take(take);
        await foreach (var connector in columns.Select(page).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return connector;
        }
    }

    /// <summary>
    /// The ids the filter matches now (at most <paramref name="limit"/> of them: a caller that cannot keep more reads no
    /// more) and the latest update of any connector, read from one snapshot of the store.
    /// </summary>
    public async Task<MatchingSnapshot> MatchingSnapshotAsync(ConnectorQuery query, int limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        query = (await RewriteAsync(query, db, ct)).Count;
        var ids = await query.Where(db.Connectors.AsNoTracking()).Select(c => c.Id).Take(limit).ToListAsync(ct);
        var latest = await db.Connectors.AsNoTracking().MaxAsync(c => (DateTime?)c.Updated, ct) ?? DateTime.MinValue;
        return new MatchingSnapshot([.. ids], latest);
    }

    public async Task<int> CountAsync(ConnectorQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CountAsync((await RewriteAsync(query, db, ct)).Count, db, ct);
    }

    /// <summary>
    /// Counts the matches of a query already rewritten onto the indexes (<see cref="IndexedQueries.Count"/>): from the
    /// trigger-kept counts when the filter is nothing but a choice of whole values (<see cref="KeptCounts"/>), from the
    /// index alone when it is nothing but one index lookup (<see cref="SqliteIndexedFilter.IndexOnly"/>), else over
    /// the rows, once per data version (<see cref="CountCache"/>).
    /// </summary>
    private async Task<int> CountAsync(ConnectorQuery indexed, CocoDbContext db, CancellationToken ct)
    {
        var kept = KeptCounts.Of(indexed, db);
        if (kept is not null && await kept.CountAsync(db, ct) is { } count)
        {
            return count;
        }

        // Every id an index lists is a stored connector: their distinct ids are the matches. Tags chosen by a test of
        // one tag may be many, so that count is kept until the next write like a count over rows.
        var ids = SqliteIndexedFilter.IndexOnly(indexed, db);
        if (ids is not null && kept is null)
        {
            return await ids.Distinct().CountAsync(ct);
        }

        // Counting every connector reads SQLite's smallest index, bounded and cheap enough not to hold (on PostgreSQL a scan).
        var rows = ids?.Distinct() ?? indexed.Where(db.Connectors.AsNoTracking()).Select(c => c.Id);
        var sqlite = db.Database.IsSqlite();
        if (!counts.Enabled || (indexed.Filter is null && sqlite))
        {
            return await rows.CountAsync(ct);
        }

        // The statement with its parameter values names the count exactly (on PostgreSQL with the snapshot it holds for).
        var key = CountKey.Of(rows);
        long version;
        if (sqlite)
        {
            version = await db.Database.SqlQueryRaw<long>($"SELECT Version AS Value FROM {SqliteSearchModel.DataVersionTable} WHERE Id = 1").SingleAsync(ct);
        }
        else
        {
            (version, var snapshot) = await PostgresSnapshotVersion.ReadAsync(db, ct);
            key = $"{snapshot}\n{key}";
        }

        if (counts.TryGet(version, key, out var cached))
        {
            return cached;
        }

        var counted = await rows.CountAsync(ct);
        counts.Set(version, key, counted);
        return counted;
    }

    private static Task<IndexedQueries> RewriteAsync(ConnectorQuery query, CocoDbContext db, CancellationToken ct) =>
        db.Database.IsNpgsql() ? PostgresIndexedFilter.RewriteAsync(query, db, ct) : SqliteIndexedFilter.RewriteAsync(query, db, ct);

    /// <summary>How many connectors of each category match the query's filter (null categories are not counted).</summary>
    public async Task<IReadOnlyList<CategoryCount>> CountByCategoryAsync(ConnectorQuery query, int size, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (query.Filter is null && db.Database.IsSqlite())
        {
            // Every connector counts: the per-category counts the triggers keep answer without reading a row.
            return await db.Database.SqlQueryRaw<CategoryCount>(
                    $"SELECT Category, Count FROM {SqliteSearchModel.CategoriesTable} ORDER BY Count DESC, Category LIMIT {{0}}", size)
                .ToListAsync(ct);
        }

        if (query.Filter is null && db.Database.IsNpgsql())
        {
            return await PostgresCategoryCounts.ReadAsync(db, size, ct);
        }

        query = (await RewriteAsync(query, db, ct)).Count;
        return await query.Where(db.Connectors.AsNoTracking())
            .Where(c => c.Category != null)
            .GroupBy(c => c.Category!)
            .Select(g => new { Category = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Category)
            .Take(size)
            .Select(g => new CategoryCount(g.Category, g.Count))
            .ToListAsync(ct);
    }
}
