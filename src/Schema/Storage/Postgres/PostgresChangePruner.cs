using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>Deletes change rows older than the retention on a schedule (every instance does; the deletes are idempotent).</summary>
internal sealed class PostgresChangePruner(NpgsqlDataSource dataSource, PostgresOptions options, ILogger<PostgresChangePruner> logger) : PeriodicStoreTask
{
    protected override TimeSpan Interval => options.PruneInterval;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                $"DELETE FROM {PostgresModel.ChangesTable} WHERE recorded_at < now() - $1::interval");
            command.Parameters.Add(new NpgsqlParameter { Value = options.ChangeRetention });
            var deleted = await command.ExecuteNonQueryAsync(ct);
            logger.LogDebug("Pruned {Count} change rows", deleted);
        }
        catch (Exception e) when (StoreFailures.IsFailure(e))
        {
            logger.LogDebug("Skipped pruning change rows: {Reason}", StoreFailures.Reason(e));
        }
    }
}
