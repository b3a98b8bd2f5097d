using Coco.Connectors.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>The PostgreSQL store: one data source per process, the query translations, the cross-instance change feed.</summary>
public static class PostgresStore
{
    internal static IServiceCollection AddPostgresStore(this IServiceCollection services, StorageOptions storage, IConfiguration configuration)
    {
        var options = configuration.GetSection(PostgresOptions.Section).Get<PostgresOptions>() ?? new PostgresOptions();
        services.AddSingleton(options);
        services.AddSingleton(sp =>
        {
            var source = new NpgsqlDataSourceBuilder(storage.ConnectionString);
            // The change trigger records which instance wrote (see PostgresChangeFeed).
            var instance = $"-c {PostgresModel.InstanceSetting}={sp.GetRequiredService<PostgresChangeFeed>().InstanceId}";
            source.ConnectionStringBuilder.Options = string.IsNullOrEmpty(source.ConnectionStringBuilder.Options)
                ? instance
                : $"{source.ConnectionStringBuilder.Options} {instance}";
            return source.Build();
        });
        services.AddSingleton<PostgresStartup>();
        services.AddSingleton<PostgresChangeFeed>();
        services.AddSingleton<IConnectorChangeFeed>(sp => sp.GetRequiredService<PostgresChangeFeed>());
        services.AddSingleton<PostgresChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeListener>());
        services.AddHostedService<PostgresChangePruner>();
        return services;
    }

    internal static void Configure(DbContextOptionsBuilder db, string connectionString, NpgsqlDataSource? dataSource)
    {
        if (dataSource is null)
        {
            db.UseNpgsql(connectionString);
        }
        else
        {
            db.UseNpgsql(dataSource);
        }

        ((IDbContextOptionsBuilderInfrastructure)db).AddOrUpdateExtension(new PostgresQueryTranslations());

        // The server logs every failure once itself (an outage as one line, anything else with its exception), so
        // EF Core's own error entries (stack traces and SQL text) would only repeat them, once per request while
        // PostgreSQL restarts.
        db.ConfigureWarnings(w => w.Log(
            (CoreEventId.QueryIterationFailed, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug),
            (RelationalEventId.ConnectionError, LogLevel.Debug)));
    }

    /// <summary>Host, port and database, never the credentials.</summary>
    /// <summary>Refuses, naming the setting, a connection string Npgsql cannot read (e.g. the SQLite default left in place).</summary>
    internal static void RequireConnectionString(string connectionString)
    {
        try
        {
            if (string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Host))
            {
                throw new ArgumentException("it names no Host");
            }
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(
                $"Storage:ConnectionString is not a PostgreSQL connection string ({e.Message}); with Storage:Provider=postgres " +
                "set it too, e.g. Storage__ConnectionString=\"Host=127.0.0.1;Database=coco;Username=coco;Password=...\".");
        }
    }

    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
