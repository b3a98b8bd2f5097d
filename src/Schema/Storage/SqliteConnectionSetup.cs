using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coco.Connectors.Storage;

/// <summary>
/// Makes SQLite behave like PostgreSQL where queries depend on it: <c>lower()</c> folds all of Unicode (SQLite's
/// folds ASCII only), and writers wait for each other, up to the busy timeout, instead of failing at once with
/// "database is locked". With the WAL journal (set at migration), <c>synchronous=NORMAL</c> keeps every commit atomic
/// and the file consistent while sparing an fsync per write.
/// </summary>
internal sealed class SqliteConnectionSetup(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Setup(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Setup(connection);
        return Task.CompletedTask;
    }

    private void Setup(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }

        sqlite.CreateFunction("lower", (string? s) => s?.ToLowerInvariant(), isDeterministic: true);
        sqlite.CreateFunction("upper", (string? s) => s?.ToUpperInvariant(), isDeterministic: true);
        using var command = sqlite.CreateCommand();
        command.CommandText = FormattableString.Invariant(
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;");
        command.ExecuteNonQuery();
    }
}
