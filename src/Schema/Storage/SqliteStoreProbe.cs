using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Coco.Connectors.Storage;

/// <summary>
/// Probes the SQLite store the way a write would meet it: the file is still the one at the path, the write lock can
/// be taken within <see cref="StorageOptions.ProbeTimeout"/> (taken and released at once, nothing written), and
/// there is room for a write on the volume and under SQLite's page limit.
/// </summary>
internal sealed class SqliteStoreProbe(
    IDbContextFactory<CocoDbContext> dbFactory, SqliteFileGuard guard, SqliteStoreFile? file, StorageOptions options) : IStoreProbe
{
    public async Task<StoreFailure?> ProbeAsync(CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            guard.Verify(connection, justUsed: false);
            if (TakeWriteLock(connection) is { } locked)
            {
                return locked;
            }

            guard.Verify(connection, justUsed: true);
            return Room(connection);
        }
        catch (Exception e) when (StoreFailures.Find(e) is { } failure)
        {
            return failure;
        }
    }

    private StoreFailure? TakeWriteLock(SqliteConnection connection)
    {
        // Straight to SQLite: Microsoft.Data.Sqlite would add its own retries on top of the busy timeout.
        var handle = connection.Handle!;
        raw.sqlite3_busy_timeout(handle, (int)options.ProbeTimeout.TotalMilliseconds);
        try
        {
            var rc = raw.sqlite3_exec(handle, "BEGIN IMMEDIATE; ROLLBACK;");
            return rc == raw.SQLITE_OK ? null : StoreFailures.FromSqlite(rc, raw.sqlite3_errmsg(handle).utf8_to_string()) ?? StoreFailures.NotAnswering;
        }
        finally
        {
            if (raw.sqlite3_get_autocommit(handle) == 0)
            {
                raw.sqlite3_exec(handle, "ROLLBACK;"); // never hand a pooled connection back inside a transaction
            }

            raw.sqlite3_busy_timeout(handle, (int)options.BusyTimeout.TotalMilliseconds);
        }
    }

    private StoreFailure? Room(SqliteConnection connection)
    {
        var pages = Pragma(connection, "page_count");
        var maxPages = Pragma(connection, "max_page_count");
        var pageSize = Pragma(connection, "page_size");
        var room = (maxPages - pages) * pageSize;
        if (file is not null && FreeSpace(file.Folder) is { } free)
        {
            room = Math.Min(room, free);
        }

        return room < options.MinFreeBytes ? StoreFailures.LowSpace(options.MinFreeBytes) : null;
    }

    /// <summary>The space left on the volume; null where the platform cannot say (then only SQLite's limit counts).</summary>
    private static long? FreeSpace(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
