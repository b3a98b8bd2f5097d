using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coco.Connectors.Observability;

/// <summary>
/// Records every database command's duration (<c>coco.store.command.duration</c>) by its SQL verb, on both stores,
/// and its span under a recorded trace (<see cref="StoreCommandSpan"/>). EF Core measures the time itself; this only
/// reads it once the command has run (or failed: a span then, no duration).
/// </summary>
public sealed class StoreCommandTimer(CocoMetrics metrics) : DbCommandInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(command, eventData);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(command, eventData);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record(command, eventData);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        StoreCommandSpan.Record(command, eventData, Verb(command.CommandText), eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        StoreCommandSpan.Record(command, eventData, Verb(command.CommandText), eventData.Exception);
        return Task.CompletedTask;
    }

    private void Record(DbCommand command, CommandExecutedEventData eventData)
    {
        var verb = Verb(command.CommandText);
        metrics.StoreCommandExecuted(verb, eventData.Duration);
        StoreCommandSpan.Record(command, eventData, verb);
    }

    // The first keyword, from a fixed set: the command text itself never becomes a label.
    private static string Verb(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        foreach (var verb in (ReadOnlySpan<string>)["select", "insert", "update", "delete", "with"])
        {
            if (text.StartsWith(verb, StringComparison.OrdinalIgnoreCase))
            {
                return verb == "with" ? "select" : verb;
            }
        }

        return "other";
    }
}
