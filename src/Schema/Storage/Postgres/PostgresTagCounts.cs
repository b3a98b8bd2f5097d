using Coco.Connectors.Querying;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// Reads the number of connectors holding each tag, which the <c>TagCounts</c> migration's trigger keeps in
/// <c>connector_tag_counts</c> in each write's own transaction: one primary-key read instead of a scan of the tag's matches.
/// </summary>
internal static class PostgresTagCounts
{
    /// <summary>The distinct tags in use with their counts, as a query that composes into others (a subquery).</summary>
    public static IQueryable<NameCount> Rows(DbContext db) =>
        db.Database.SqlQueryRaw<NameCount>("SELECT tag AS \"Name\", count AS \"Count\" FROM connector_tag_counts");

    /// <summary>How many connectors hold <paramref name="tag"/>.</summary>
    public static Task<int> CountAsync(CocoDbContext db, string tag, CancellationToken ct) =>
        db.Database.SqlQueryRaw<int>("SELECT coalesce((SELECT count FROM connector_tag_counts WHERE tag = {0}), 0) AS \"Value\"", tag).SingleAsync(ct);
}
