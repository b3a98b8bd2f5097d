using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// The number of connectors holding each tag, which the <c>TagCounts</c> migration's trigger keeps in
/// <c>connector_tag_counts</c> in each write's own transaction: one primary-key read instead of a scan of the tag's matches.
/// </summary>
internal static class PostgresTagCounts
{
    /// <summary>The tags in use with their counts, as a query that composes into others (a tag whose count fell to zero keeps its row).</summary>
    public static IQueryable<NameCount> Counts(DbContext db) =>
        db.Database.SqlQueryRaw<NameCount>("SELECT tag AS \"Name\", count AS \"Count\" FROM connector_tag_counts WHERE count > 0");
}
