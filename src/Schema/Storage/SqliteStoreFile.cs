using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Coco.Connectors.Storage;

/// <summary>The SQLite database file and its WAL companions, as the configured connection string names them.</summary>
internal sealed class SqliteStoreFile
{
    // Connections known to have the WAL open (the store switches to WAL once, at startup, and never back).
    private readonly ConditionalWeakTable<sqlite3, object> _walConnections = [];

    private SqliteStoreFile(string path)
    {
        Path = path;
        Folder = System.IO.Path.GetDirectoryName(path)!;
        WalPath = path + "-wal";
        ShmPath = path + "-shm";
    }

    public string Path { get; }

    public string Folder { get; }

    public string WalPath { get; }

    public string ShmPath { get; }

    /// <summary>The file a connection string opens; null for in-memory databases, which have none.</summary>
    public static SqliteStoreFile? From(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? null
            : new SqliteStoreFile(System.IO.Path.GetFullPath(builder.DataSource));
    }

    /// <summary>Whether the file <paramref name="connection"/> has open is no longer the one at <see cref="Path"/>.</summary>
    public static bool HasMoved(SqliteConnection connection) => SqliteNative.HasMoved(connection.Handle!);

    /// <summary>
    /// Whether the WAL or its index was deleted under <paramref name="connection"/>. A connection has both open once it
    /// has used the database in WAL mode (<paramref name="justUsed"/>: it has just committed or taken the write lock),
    /// and SQLite removes them only when the last connection closes; before that their absence means nothing.
    /// </summary>
    public bool WalFilesMissing(SqliteConnection connection, bool justUsed)
    {
        var handle = connection.Handle!;
        if (!_walConnections.TryGetValue(handle, out _))
        {
            if (!justUsed || !InWalMode(connection))
            {
                return false;
            }

            _walConnections.AddOrUpdate(handle, handle);
        }

        return !File.Exists(WalPath) || !File.Exists(ShmPath);
    }

    private static bool InWalMode(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return "wal".Equals(command.ExecuteScalar() as string, StringComparison.OrdinalIgnoreCase);
    }
}
