using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Storage;

public static class StorageRegistration
{
    /// <summary>Registers the connector store for the configured provider. Nothing above this layer knows which.</summary>
    public static IServiceCollection AddConnectorStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(options);
        switch (options.Provider.ToLowerInvariant())
        {
            case "sqlite":
                services.AddDbContextFactory<CocoDbContext>(db => db
                    .UseSqlite(options.ConnectionString)
                    .AddInterceptors(new SqliteConnectionSetup()));
                break;
            default:
                throw new InvalidOperationException(
                    $"Storage:Provider '{options.Provider}' is not supported; use 'sqlite' (postgres arrives with its own issue).");
        }

        return services;
    }

    /// <summary>Creates the database file's folder if needed and applies the EF migrations.</summary>
    public static async Task MigrateAsync(CocoDbContext db, StorageOptions options, CancellationToken ct)
    {
        if (options.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var file = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(file) && file != ":memory:" && folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
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
}
