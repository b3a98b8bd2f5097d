using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// Migrates and seeds a PostgreSQL store before the server takes requests. An unreachable server is waited for with
/// back-off and one log line per attempt; instances starting together take turns under an advisory lock, so each
/// migration and each built-in is applied once.
/// </summary>
internal sealed class PostgresStartup(
    NpgsqlDataSource dataSource,
    IDbContextFactory<CocoDbContext> dbFactory,
    StorageOptions storage,
    PostgresOptions options,
    ILogger<PostgresStartup> logger)
{
    /// <summary>Advisory lock key (per database): "CocoMigr" in ASCII.</summary>
    private const long MigrationLock = 0x436F636F4D696772;

    public async Task<int> PrepareAsync(Func<CancellationToken, Task<int>> seed, CancellationToken ct)
    {
        var delay = options.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await MigrateAndSeedAsync(seed, ct);
            }
            catch (Exception e) when (StoreFailures.IsFailure(e) && !ct.IsCancellationRequested)
            {
                logger.LogWarning("PostgreSQL at {Server} is not reachable ({Reason}); attempt {Attempt}, retrying in {Delay:0.#} s",
                    PostgresStore.Describe(storage.ConnectionString), StoreFailures.Reason(e), attempt, delay.TotalSeconds);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task<int> MigrateAndSeedAsync(Func<CancellationToken, Task<int>> seed, CancellationToken ct)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", lockConnection))
        {
            await take.ExecuteNonQueryAsync(ct);
        }

        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                // Created first, so that EF Core does not log a failed read of the missing table as an error.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applying PostgreSQL migrations {Migrations} (an index over many connectors takes minutes)", string.Join(", ", pending));
                }

                // A migration that builds an index over a large table outlasts the default command timeout.
                var started = Stopwatch.GetTimestamp();
                db.Database.SetCommandTimeout(options.MigrationTimeout);
                await db.Database.MigrateAsync(ct);
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applied PostgreSQL migrations in {Seconds:0.#} s", Stopwatch.GetElapsedTime(started).TotalSeconds);
                }
            }

            // Types created by a migration (none yet, but extensions may add some) are only seen by fresh connections.
            await lockConnection.ReloadTypesAsync(ct);
            return await seed(ct);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLock})", lockConnection);
            try
            {
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The connection is gone and its session lock with it.
            }
        }
    }
}
