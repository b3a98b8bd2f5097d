using Coco.Connectors.Querying;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// The number of connectors holding each tag, which the <c>TagCounts</c> migration's trigger keeps in
/// <c>connector_tag_counts</c> in each write's own transaction: one primary-key read instead of a scan of the tag's matches.
/// </summary>
internal static class PostgresTagCounts
{
    /// <summary>The tags in use with their counts, as a query that composes into others (a tag whose count fell to zero keeps its row).</summary>
    public static IQueryable<NameCount> Counts(CocoDbContext db) =>
        db.Database.SqlQueryRaw<NameCount>("SELECT tag AS \"Name\", count AS \"Count\" FROM connector_tag_counts WHERE count > 0");

    /// <summary>
    /// Whether at most the selective share of the collection holds one of <paramref name="values"/> (the bound of
    /// <see cref="SqliteIndexedFilter.SelectiveMatches"/>; a connector holding two values counts twice, which only calls a
    /// test common sooner). The collection's size is the planner's own estimate (<c>pg_class.reltuples</c>, -1 before
    /// the first ANALYZE, which leaves the smallest bound).
    /// </summary>
    public static Task<bool> RareAsync(CocoDbContext db, IReadOnlyList<string> values, CancellationToken ct) =>
        db.Database.SqlQuery<bool>($"""
            SELECT coalesce(sum(count), 0) <= greatest({SqliteIndexedFilter.AlwaysSelective}, least({SqliteIndexedFilter.SelectiveMatches},
                (SELECT reltuples FROM pg_class WHERE oid = 'connectors'::regclass)::bigint / {SqliteIndexedFilter.SelectiveShare})) AS "Value"
            FROM connector_tag_counts WHERE tag = ANY({values.ToArray()})
            """).SingleAsync(ct);
}
