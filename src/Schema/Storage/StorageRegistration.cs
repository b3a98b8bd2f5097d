using Coco.Connectors.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Coco.Connectors.Storage;

public static class StorageRegistration
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>Registers the connector store for the configured provider. Nothing above this layer knows which.</summary>
    public static IServiceCollection AddConnectorStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        options.Provider = Normalize(options.Provider);
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case Sqlite:
                services.AddDbContextFactory<CocoDbContext>(db => Configure(db, options, null));
                break;
            case Postgres:
                services.AddPostgresStore(options, configuration);
                services.AddDbContextFactory<CocoDbContext>((sp, db) => Configure(db, options, sp.GetRequiredService<NpgsqlDataSource>()));
                break;
        }

        return services;
    }

    /// <summary>The provider, its query translations and its own migrations folder.</summary>
    internal static void Configure(DbContextOptionsBuilder db, StorageOptions options, NpgsqlDataSource? dataSource)
    {
        if (options.Provider == Postgres)
        {
            PostgresStore.Configure(db, options.ConnectionString, dataSource);
        }
        else
        {
            db.UseSqlite(options.ConnectionString).AddInterceptors(new SqliteConnectionSetup());
        }

        db.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
    }

    /// <summary>
    /// Makes the store ready before the server takes requests: migrates it, then runs <paramref name="seed"/>. On
    /// PostgreSQL this waits (with back-off) until the server is reachable and holds a lock, so that instances starting
    /// together migrate and seed one after the other. Returns what <paramref name="seed"/> returned.
    /// </summary>
    public static Task<int> PrepareAsync(IServiceProvider services, Func<CancellationToken, Task<int>> seed, CancellationToken ct)
    {
        var options = services.GetRequiredService<StorageOptions>();
        return options.Provider == Postgres
            ? services.GetRequiredService<PostgresStartup>().PrepareAsync(seed, ct)
            : PrepareSqliteAsync(services, options, seed, ct);
    }

    private static async Task<int> PrepareSqliteAsync(IServiceProvider services, StorageOptions options, Func<CancellationToken, Task<int>> seed, CancellationToken ct)
    {
        var file = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await using (var db = await services.GetRequiredService<IDbContextFactory<CocoDbContext>>().CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
            // Readers never wait for the writer, and a commit is one append instead of a rewritten journal.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }

        return await seed(ct);
    }

    /// <summary>A short description of the store for the startup log, without credentials.</summary>
    public static string Describe(StorageOptions options) => options.Provider switch
    {
        Sqlite => $"sqlite file {Path.GetFullPath(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource)}",
        _ => $"postgres {PostgresStore.Describe(options.ConnectionString)}",
    };

    private static string Normalize(string provider) => provider.ToLowerInvariant() switch
    {
        Sqlite => Sqlite,
        Postgres or "postgresql" => Postgres,
        _ => throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported; use 'sqlite' or 'postgres'."),
    };
}
