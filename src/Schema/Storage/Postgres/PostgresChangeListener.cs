using Coco.Connectors.Changes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// LISTENs on one dedicated connection and hands every recorded change to <see cref="PostgresChangeFeed"/>. When the
/// connection drops it reconnects with back-off, LISTENs again and then replays the rows of <c>connector_changes</c>
/// after the last change it saw, so subscribers miss nothing; notifications that arrive during the replay wait for it.
/// </summary>
public sealed class PostgresChangeListener(
    NpgsqlDataSource dataSource,
    PostgresChangeFeed feed,
    PostgresOptions options,
    TimeProvider clock,
    ILogger<PostgresChangeListener> logger) : BackgroundService
{
    /// <summary>How long the connection may stay quiet before a probe checks that it is still alive.</summary>
    private static readonly TimeSpan IdleProbe = TimeSpan.FromSeconds(5);

    private readonly ChangeSequence _sequence = new(clock, options.SequenceGapGrace);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place.</summary>
    public Task Listening => _listening.Task;

    /// <summary>The backend process id of the current listening connection (0 while disconnected).</summary>
    public int BackendProcessId { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = options.FirstRetryDelay;
        var started = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(started, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                BackendProcessId = 0;
                started |= _listening.Task.IsCompleted;
                if (feed.Listening)
                {
                    // It was connected: this is a new outage, so the back-off starts over.
                    feed.Listening = false;
                    delay = options.FirstRetryDelay;
                }

                logger.LogWarning("The change listener lost PostgreSQL ({Reason}); reconnecting in {Delay:0.#} s, then replaying after change {Seq}",
                    StoreFailures.Reason(e), delay.TotalSeconds, _sequence.Floor);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task ListenAsync(bool replay, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var arrived = new List<string>();
        connection.Notification += (_, e) => arrived.Add(e.Payload);
        await ExecuteAsync(connection, $"LISTEN {PostgresModel.ChangesChannel}", ct);
        BackendProcessId = connection.ProcessID;

        if (replay)
        {
            var replayed = await ReplayAsync(connection, ct);
            logger.LogInformation("The change listener is back; replayed {Count} changes", replayed);
        }
        else
        {
            await using var newest = new NpgsqlCommand($"SELECT coalesce(max(seq), 0) FROM {PostgresModel.ChangesTable}", connection);
            _sequence.Start((long)(await newest.ExecuteScalarAsync(ct))!);
            _listening.TrySetResult();
        }

        feed.Listening = true;
        while (true)
        {
            DeliverArrived(arrived);
            _sequence.Advance();
            if (!await connection.WaitAsync(IdleProbe, ct))
            {
                await ExecuteAsync(connection, "SELECT 1", ct);
            }
        }
    }

    private async Task<int> ReplayAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT seq, kind, version, coalesce(origin, ''), connector_id FROM {PostgresModel.ChangesTable} WHERE seq > $1 ORDER BY seq", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = _sequence.Floor });
        var count = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (Deliver(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4)))
            {
                count++;
            }
        }

        return count;
    }

    private void DeliverArrived(List<string> arrived)
    {
        foreach (var payload in arrived)
        {
            // seq kind version origin id (the id last)
            var parts = payload.Split(' ', 5);
            if (parts.Length == 5 && long.TryParse(parts[0], out var seq) && int.TryParse(parts[2], out var version))
            {
                Deliver(seq, parts[1], version, parts[3], parts[4]);
            }
            else
            {
                logger.LogWarning("Ignored a malformed change notification");
            }
        }

        arrived.Clear();
    }

    private bool Deliver(long seq, string kind, int version, string origin, string id)
    {
        if (!Enum.TryParse<ConnectorChangeKind>(kind, out var changeKind) || !_sequence.Accept(seq))
        {
            return false;
        }

        feed.Deliver(new ConnectorChange(id, changeKind, version), origin);
        return true;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
