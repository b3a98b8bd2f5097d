using Microsoft.Data.Sqlite;

namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>
/// The store of one test server, for the provider this test assembly runs against: a fresh SQLite file, or (when
/// compiled with <c>COCO_POSTGRES</c>, as the Tests.Postgres project does) a fresh database in the run's
/// <see cref="PostgresCluster"/>. The same contract tests run against both.
/// </summary>
public sealed class TestDatabase : IDisposable
{
#if COCO_POSTGRES
    public const string Provider = "postgres";
#else
    public const string Provider = "sqlite";
#endif

    private readonly string? _postgresDatabase;
    private readonly PostgresCluster? _cluster;

    private TestDatabase(string connectionString, string? postgresDatabase, PostgresCluster? cluster)
    {
        ConnectionString = connectionString;
        _postgresDatabase = postgresDatabase;
        _cluster = cluster;
    }

    public static bool IsPostgres => Provider == "postgres";

    public string ConnectionString { get; }

    /// <summary>The PostgreSQL database's name (null on SQLite).</summary>
    public string? PostgresDatabase => _postgresDatabase;

    /// <summary>A new, migrated, empty store; <paramref name="folder"/> holds the SQLite file.</summary>
    public static TestDatabase Create(string folder)
    {
        return IsPostgres
            ? CreatePostgresAsync(PostgresCluster.Shared).GetAwaiter().GetResult()
            : new TestDatabase($"Data Source={Path.Combine(folder, "coco.db")}", null, null);
    }

    /// <summary>A new database in <paramref name="cluster"/>: migrated, or without any table when <paramref name="empty"/>.</summary>
    public static async Task<TestDatabase> CreatePostgresAsync(PostgresCluster cluster, bool empty = false)
    {
        var name = await cluster.CreateDatabaseAsync(empty);
        return new TestDatabase(cluster.ConnectionString(name), name, cluster);
    }

    public void Dispose()
    {
        if (_postgresDatabase is null)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            _cluster!.DropDatabaseAsync(_postgresDatabase).GetAwaiter().GetResult();
        }
    }
}
