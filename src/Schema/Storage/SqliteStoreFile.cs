using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Coco.Connectors.Storage;

/// <summary>The SQLite database file and its WAL companions, as the configured connection string names them.</summary>
internal sealed class SqliteStoreFile
{
    // Connections seen in WAL mode (the store switches to it once, at startup, and never back).
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
    /// Whether the WAL or its index was deleted under <paramref name="connection"/>. A connection in WAL mode has both
    /// open (asking for the mode opens them on a fresh connection); SQLite removes them only when the last one closes.
    /// </summary>
    public bool WalFilesMissing(SqliteConnection connection) =>
        InWalMode(connection) && (!File.Exists(WalPath) || !File.Exists(ShmPath));

    private bool InWalMode(SqliteConnection connection)
    {
        var handle = connection.Handle!;
        if (_walConnections.TryGetValue(handle, out _))
        {
            return true;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        if (!"wal".Equals(command.ExecuteScalar() as string, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        _walConnections.AddOrUpdate(handle, handle);
        return true;
    }
}
