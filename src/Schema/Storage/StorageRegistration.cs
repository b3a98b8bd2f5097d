using Coco.Connectors.Observability;
using Coco.Connectors.Secrets.AtRest;
using Coco.Connectors.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        Validate(options);
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case Sqlite:
                var file = SqliteStoreFile.From(options.ConnectionString);
                services.AddSingleton(sp => new SqliteFileGuard(file, sp.GetRequiredService<ILogger<SqliteFileGuard>>(), sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IStoreProbe>(sp => new SqliteStoreProbe(
                    sp.GetRequiredService<IDbContextFactory<CocoDbContext>>(), sp.GetRequiredService<SqliteFileGuard>(), file, options));
                services.AddDbContextFactory<CocoDbContext>((sp, db) => FromHost(sp, Configure(db, options, null, sp.GetRequiredService<SqliteFileGuard>())));
                SqliteOptimizer.Register(services);
                break;
            case Postgres:
                services.AddPostgresStore(options, configuration);
                services.AddSingleton<IStoreProbe, PostgresStoreProbe>();
                services.AddDbContextFactory<CocoDbContext>((sp, db) => FromHost(sp, Configure(db, options, sp.GetRequiredService<NpgsqlDataSource>(), null)));
                break;
        }

        return services;
    }

    /// <summary>The provider, its query translations and its own migrations folder.</summary>
    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder db, StorageOptions options, NpgsqlDataSource? dataSource, SqliteFileGuard? guard)
    {
        if (options.Provider == Postgres)
        {
            PostgresStore.Configure(db, options.ConnectionString, dataSource);
        }
        else
        {
            db.UseSqlite(RuntimeConnectionString(options)).AddInterceptors(new SqliteConnectionSetup(options.BusyTimeout));
            if (guard is not null)
            {
                db.AddInterceptors(guard);
            }
        }

        db.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
        db.ReplaceService<IModelCacheKeyFactory, StoredSecretsModelCacheKeyFactory>();
        return db;
    }

    // Command durations for the metrics (coco.store.command.duration), when the host registered the timer; secrets
    // encrypted at rest, when keys are configured.
    private static void FromHost(IServiceProvider services, DbContextOptionsBuilder db)
    {
        if (services.GetService<StoredSecrets>() is { } secrets)
        {
            ((IDbContextOptionsBuilderInfrastructure)db).AddOrUpdateExtension(new StoredSecretsExtension(secrets));
        }

        if (services.GetService<StoreCommandTimer>() is { } timer)
        {
            db.AddInterceptors(timer);
        }
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
        if (SqliteStoreFile.From(options.ConnectionString) is { } file && !File.Exists(file.Path))
        {
            // Only startup creates the file: at run time a missing file is an outage (503), not a new empty store.
            // Owner-only (0700 folder, 0600 file; SQLite gives the WAL files the file's mode): connector secrets live here.
            CreateOwnerOnly(file.Path, file.Folder);
            await using var create = new SqliteConnection(new SqliteConnectionStringBuilder(options.ConnectionString)
            {
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            await create.OpenAsync(ct);
        }

        await using (var db = await services.GetRequiredService<IDbContextFactory<CocoDbContext>>().CreateDbContextAsync(ct))
        {
            await SqliteOptimizer.MigrateAsync(db, services.GetRequiredService<ILoggerFactory>().CreateLogger<SqliteOptimizer>(), ct);
            // Readers never wait for the writer, and a commit is one append instead of a rewritten journal.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }

        return await seed(ct);
    }

    private static void CreateOwnerOnly(string path, string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // An empty file is an empty SQLite database; creating it here is what sets its mode.
        using var created = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
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

    private static void Validate(StorageOptions options)
    {
        static bool Positive(TimeSpan wait) => wait > TimeSpan.Zero && wait.TotalMilliseconds <= int.MaxValue;
        if (!Positive(options.BusyTimeout) || !Positive(options.ProbeTimeout) || options.MinFreeBytes < 0)
        {
            throw new InvalidOperationException(
                "Storage:BusyTimeout and Storage:ProbeTimeout must be positive times (e.g. 00:00:05), Storage:MinFreeBytes at least 0.");
        }

        if (options.CountCacheEntries < 0)
        {
            throw new InvalidOperationException("Storage:CountCacheEntries must be at least 0 (0 turns the count cache off).");
        }

        if (options.Provider == Postgres)
        {
            PostgresStore.RequireConnectionString(options.ConnectionString);
        }
    }

    /// <summary>
    /// The connection string requests use: never creating a missing file, unless the configuration says how to open
    /// it; and bounding Microsoft.Data.Sqlite's retries on a locked database by the busy timeout.
    /// </summary>
    internal static string RuntimeConnectionString(StorageOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (SqliteStoreFile.From(options.ConnectionString) is not null && !builder.ShouldSerialize("Mode"))
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        if (!builder.ShouldSerialize("Default Timeout"))
        {
            // Whole seconds (0 would mean forever): the retries stop once the busy timeout has been spent waiting.
            builder.DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds);
        }

        return builder.ToString();
    }
}
