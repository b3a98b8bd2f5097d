using Coco.Connectors.Querying;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// Every connector's categories with their counts, from the counts the <c>CategoryCounts</c> migration's trigger keeps
/// (a read of a few rows rather than a grouping of the whole table).
/// </summary>
internal static class PostgresCategoryCounts
{
    public static async Task<IReadOnlyList<CategoryCount>> ReadAsync(CocoDbContext db, int size, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<CategoryCount>(
                "SELECT category AS \"Category\", count AS \"Count\" FROM connector_categories WHERE count > 0 ORDER BY count DESC, category LIMIT {0}", size)
            .ToListAsync(ct);
}
