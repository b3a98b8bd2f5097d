using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// What a PostgreSQL count is valid for: the transaction snapshot it was read under. Two equal snapshots see exactly
/// the same committed rows, whichever instance wrote them, so a count keyed by its snapshot answers every later reader
/// whose snapshot is equal (no write since) and no other. Read-only transactions take no transaction id, so the
/// snapshot moves only when something writes.
/// </summary>
internal static class PostgresSnapshotVersion
{
    /// <summary>
    /// The snapshot's xmax as the cache's ordering version, and the whole snapshot (xmin:xmax:in-progress list) as the
    /// exact key. Read before counting: a write committing in between makes the count fresher than its key, never staler.
    /// </summary>
    public static async Task<(long Version, string Snapshot)> ReadAsync(CocoDbContext db, CancellationToken ct)
    {
        var snapshot = await db.Database.SqlQueryRaw<string>("SELECT pg_current_snapshot()::text AS \"Value\"").SingleAsync(ct);
        return (long.Parse(snapshot.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture), snapshot);
    }
}
