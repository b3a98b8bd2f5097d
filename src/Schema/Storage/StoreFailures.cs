using System.Net.Sockets;
using Coco.Connectors.Secrets.AtRest;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coco.Connectors.Storage;

/// <summary>
/// The one place that decides which exceptions are store failures (the store is busy, full or gone) rather than bugs.
/// REST (<c>UnexpectedErrors</c>) and GraphQL (the unhandled-exception handler) both ask here.
/// </summary>
public static class StoreFailures
{
    public static StoreFailure Busy { get; } = new(StoreFailureKind.Busy,
        "the database is locked by another writer; try again shortly");

    public static StoreFailure ConnectorBusy { get; } = new(StoreFailureKind.Busy,
        "earlier writes to this connector are still waiting for the database; try again shortly");

    public static StoreFailure Full { get; } = new(StoreFailureKind.Full,
        "the database has no space left (disk full or size limit reached)");

    public static StoreFailure FileReplaced { get; } = new(StoreFailureKind.Unavailable,
        "the database file was removed or replaced while the server had it open");

    public static StoreFailure CannotOpen { get; } = new(StoreFailureKind.Unavailable,
        "the database file cannot be opened (missing or inaccessible)");

    public static StoreFailure NotAnswering { get; } = new(StoreFailureKind.Unavailable, "the database does not answer");

    public static StoreFailure LowSpace(long minFreeBytes) => new(StoreFailureKind.Full,
        $"less than {minFreeBytes} bytes are left for the database (disk nearly full or size limit reached)");

    /// <summary>The store failure <paramref name="exception"/> (or an exception inside it) stands for; null when it is none.</summary>
    public static StoreFailure? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StoreUnavailableException store:
                    return store.Failure;
                case SecretCipherException secret:
                    return new(StoreFailureKind.Unavailable, secret.Message);
                case SqliteException sqlite:
                    return FromSqlite(sqlite.SqliteErrorCode, sqlite.Message);
                case PostgresException pg:
                    return FromPostgres(pg);
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return new(StoreFailureKind.Unavailable, "the database server cannot be reached");
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) is a store failure rather than a bug.</summary>
    public static bool IsFailure(Exception exception) => Find(exception) is not null;

    /// <summary>A short reason for a log line (no stack trace, no connection string).</summary>
    public static string Reason(Exception exception) => Find(exception)?.Reason ?? exception.GetType().Name;

    /// <summary>
    /// PostgreSQL states that mean the server cannot serve now (connection exceptions, shutting down or starting,
    /// no connection slot left, disk full); any other state is about the statement, not the store.
    /// </summary>
    private static StoreFailure? FromPostgres(PostgresException pg) => pg.SqlState switch
    {
        "53100" => Full, // disk_full
        "57P01" or "57P02" or "57P03" or "53300" => NotAnswering, // admin/crash shutdown, cannot connect now, too many connections
        _ when pg.SqlState.StartsWith("08", StringComparison.Ordinal) => NotAnswering, // connection exception
        _ => null,
    };

    /// <summary>SQLite result codes (https://www.sqlite.org/rescode.html) that mean the file, not the statement, failed.</summary>
    internal static StoreFailure? FromSqlite(int resultCode, string? message) => (resultCode & 0xFF) switch
    {
        5 or 6 => Busy, // SQLITE_BUSY, SQLITE_LOCKED
        13 => Full, // SQLITE_FULL
        14 => CannotOpen, // SQLITE_CANTOPEN
        8 => new(StoreFailureKind.Unavailable, "the database file is read-only"), // SQLITE_READONLY
        10 => new(StoreFailureKind.Unavailable, "the database file could not be read or written (I/O error)"), // SQLITE_IOERR
        11 or 26 => new(StoreFailureKind.Unavailable, "the database file is damaged or is not a SQLite database"), // SQLITE_CORRUPT, SQLITE_NOTADB
        3 or 23 => new(StoreFailureKind.Unavailable, "access to the database file was denied"), // SQLITE_PERM, SQLITE_AUTH
        15 or 22 => NotAnswering, // SQLITE_PROTOCOL, SQLITE_NOLFS
        // A file put in place of the database that is not one of ours: not a query bug, the store is wrong.
        1 when message?.Contains("no such table", StringComparison.Ordinal) == true =>
            new(StoreFailureKind.Unavailable, "the database file holds no connectors table (not this server's database)"),
        _ => null,
    };
}
