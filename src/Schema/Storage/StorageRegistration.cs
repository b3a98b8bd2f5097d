using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Storage;

public static class StorageRegistration
{
    /// <summary>Registers the connector store for the configured provider. Nothing above this layer knows which.</summary>
    public static IServiceCollection AddConnectorStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        Validate(options);
        services.AddSingleton(options);
        switch (options.Provider.ToLowerInvariant())
        {
            case "sqlite":
                var file = SqliteStoreFile.From(options.ConnectionString);
                services.AddSingleton(sp => new SqliteFileGuard(file, sp.GetRequiredService<ILogger<SqliteFileGuard>>(), sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton<IStoreProbe>(sp => new SqliteStoreProbe(
                    sp.GetRequiredService<IDbContextFactory<CocoDbContext>>(), sp.GetRequiredService<SqliteFileGuard>(), file, options));
                services.AddDbContextFactory<CocoDbContext>((sp, db) => db
                    .UseSqlite(RuntimeConnectionString(options))
                    .AddInterceptors(new SqliteConnectionSetup(options.BusyTimeout), sp.GetRequiredService<SqliteFileGuard>()));
                break;
            default:
                throw new InvalidOperationException(
                    $"Storage:Provider '{options.Provider}' is not supported; use 'sqlite' (postgres arrives with its own issue).");
        }

        return services;
    }

    /// <summary>Creates the database file (and its folder) if needed and applies the EF migrations.</summary>
    public static async Task MigrateAsync(CocoDbContext db, StorageOptions options, CancellationToken ct)
    {
        if (options.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase) && SqliteStoreFile.From(options.ConnectionString) is { } file
            && !File.Exists(file.Path))
        {
            // Only startup creates the file: at run time a missing file is an outage (503), not a new empty store.
            Directory.CreateDirectory(file.Folder);
            await using var create = new SqliteConnection(new SqliteConnectionStringBuilder(options.ConnectionString)
            {
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            await create.OpenAsync(ct);
        }

        await db.Database.MigrateAsync(ct);
        if (options.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            // Readers never wait for the writer, and a commit is one append instead of a rewritten journal.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }
    }

    /// <summary>A short description of the store for the startup log, without credentials.</summary>
    public static string Describe(StorageOptions options) => options.Provider.ToLowerInvariant() switch
    {
        "sqlite" => $"sqlite file {Path.GetFullPath(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource)}",
        _ => options.Provider,
    };

    private static void Validate(StorageOptions options)
    {
        static bool Positive(TimeSpan wait) => wait > TimeSpan.Zero && wait.TotalMilliseconds <= int.MaxValue;
        if (!Positive(options.BusyTimeout) || !Positive(options.ProbeTimeout) || options.MinFreeBytes < 0)
        {
            throw new InvalidOperationException(
                "Storage:BusyTimeout and Storage:ProbeTimeout must be positive times (e.g. 00:00:05), Storage:MinFreeBytes at least 0.");
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
