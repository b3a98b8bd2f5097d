using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Storage;

/// <summary>
/// A write is acknowledged only when it is in the file the server will open next. A pooled SQLite connection keeps
/// writing to its file after the file is deleted or renamed over, and all of it vanishes at the next start; so every
/// write checks, before it begins and again after it commits, that the connection's file is still the one at the
/// path (and that its WAL files are still there). Otherwise the write fails with <see cref="StoreFailures.FileReplaced"/>,
/// the data the orphaned connection can still see is saved next to the path, and the pool is emptied so that the next
/// request opens whatever is at the path now: recovery needs no restart once a database is back.
/// </summary>
internal sealed class SqliteFileGuard(SqliteStoreFile? file, ILogger<SqliteFileGuard> logger, TimeProvider clock)
    : IDbTransactionInterceptor, ISaveChangesInterceptor
{
    // 1 from the first detection until a check passes again, so that one incident saves one copy.
    private int _incident;

    // EF commits a single statement without a transaction; every write needs one for the checks around its commit.
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AlwaysTransact(eventData);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AlwaysTransact(eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Verify(connection, justUsed: false);
        return result;
    }

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        Verify(connection, justUsed: false);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Verify(eventData.Context?.Database.GetDbConnection(), justUsed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Verify(eventData.Context?.Database.GetDbConnection(), justUsed: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Throws <see cref="StoreUnavailableException"/> when the open connection's files are not the path's any more.
    /// <paramref name="justUsed"/>: the connection has just committed or taken the write lock.
    /// </summary>
    public void Verify(DbConnection? connection, bool justUsed)
    {
        if (file is null || connection is not SqliteConnection { State: System.Data.ConnectionState.Open } sqlite)
        {
            return;
        }

        var moved = SqliteStoreFile.HasMoved(sqlite);
        if (!moved && !file.WalFilesMissing(sqlite, justUsed))
        {
            if (Interlocked.Exchange(ref _incident, 0) == 1)
            {
                ReturnToWal(sqlite);
            }

            return;
        }

        if (Interlocked.Exchange(ref _incident, 1) == 0)
        {
            Preserve(sqlite, moved);
        }

        SqliteConnection.ClearPool(sqlite);
        throw new StoreUnavailableException(StoreFailures.FileReplaced);
    }

    /// <summary>Keeps what this connection can still read: in a copy beside the path, or checkpointed into the file.</summary>
    private void Preserve(SqliteConnection connection, bool moved)
    {
        using var command = connection.CreateCommand();
        try
        {
            if (moved)
            {
                var copy = $"{file!.Path}.recovered-{clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}";
                Directory.CreateDirectory(file.Folder);
                command.CommandText = "VACUUM INTO $copy";
                command.Parameters.AddWithValue("$copy", copy);
                command.ExecuteNonQuery();
                logger.LogError(
                    "The database file {Path} was removed or replaced while open. Requests answer 503 until a database is " +
                    "at that path again; the data this server had open was saved to {Copy}.", file.Path, copy);
            }
            else
            {
                // The main file is still the right one: copy the committed pages of the orphaned WAL into it.
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                command.ExecuteNonQuery();
                logger.LogError(
                    "The WAL files of {Path} were removed while open; the writes they held were checkpointed into the file.", file!.Path);
            }
        }
        catch (SqliteException e)
        {
            logger.LogError("The database file {Path} was removed or replaced while open, and its data could not be saved (SQLite error {Code}).",
                file!.Path, e.SqliteExtendedErrorCode);
        }
    }

    /// <summary>
    /// A database put back at the path (a saved copy, a backup) may be in rollback-journal mode; the store runs in WAL
    /// (see <see cref="StorageRegistration.PrepareAsync"/>). Best effort: readers elsewhere can make it wait for later.
    /// </summary>
    private void ReturnToWal(SqliteConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL";
            command.ExecuteNonQuery();
            logger.LogWarning("A database is at {Path} again; requests are served from it.", file!.Path);
        }
        catch (SqliteException e)
        {
            logger.LogWarning("A database is at {Path} again, but it could not be switched to WAL mode (SQLite error {Code}).",
                file!.Path, e.SqliteExtendedErrorCode);
        }
    }

    private static void AlwaysTransact(DbContextEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
    }
}
