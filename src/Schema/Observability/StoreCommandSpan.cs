using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coco.Connectors.Observability;

/// <summary>
/// One client span per database command (<c>SELECT</c>, <c>INSERT</c>, …) below the span that caused it, made by
/// <see cref="StoreCommandTimer"/> from the times EF Core measured, after the command ran. Only under a recorded span:
/// an unsampled request's commands, or a server that does not trace, cost a flag check. The SQL is sanitized (every
/// literal becomes <c>?</c>); parameter values are never read.
/// </summary>
internal static class StoreCommandSpan
{
    public const string Name = "db.command";

    public static void Record(DbCommand command, CommandEndEventData eventData, string verb, Exception? error = null)
    {
        if (Activity.Current is not { Recorded: true } || !CocoTelemetry.Source.HasListeners())
        {
            return;
        }

        using var span = CocoTelemetry.Source.StartActivity(ActivityKind.Client, startTime: eventData.StartTime, name: Name);
        if (span is null)
        {
            return;
        }

        span.DisplayName = DisplayName(verb);
        span.SetTag("db.system.name", System(command));
        span.SetTag("db.operation.name", verb);
        span.SetTag("db.query.text", SqlText.WithoutLiterals(command.CommandText));
        if (error is not null)
        {
            span.SetTag("error.type", error.GetType().FullName);
            span.SetStatus(ActivityStatusCode.Error);
        }

        span.SetEndTime(eventData.StartTime.UtcDateTime + eventData.Duration);
    }

    private static string DisplayName(string verb) => verb switch
    {
        "select" => "SELECT",
        "insert" => "INSERT",
        "update" => "UPDATE",
        "delete" => "DELETE",
        _ => "SQL",
    };

    private static string System(DbCommand command) => command.GetType().Namespace switch
    {
        { } ns when ns.StartsWith("Npgsql", StringComparison.Ordinal) => "postgresql",
        { } ns when ns.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) => "sqlite",
        _ => "other_sql",
    };
}
