using Npgsql;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// Probes the PostgreSQL store for <c>/healthz</c>: a connection from the pool answers a statement within
/// <see cref="StorageOptions.ProbeTimeout"/>. A server that is down, starting or out of connections is a failure.
/// </summary>
internal sealed class PostgresStoreProbe(NpgsqlDataSource dataSource, StorageOptions options) : IStoreProbe
{
    public async Task<StoreFailure?> ProbeAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.ProbeTimeout);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return StoreFailures.NotAnswering;
        }
        catch (Exception e) when (StoreFailures.Find(e) is { } failure)
        {
            return failure;
        }
    }
}
