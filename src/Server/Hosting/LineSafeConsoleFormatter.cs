using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Hosting;

/// <summary>
/// The server's console log format: the simple formatter's layout (<c>info: Category[EventId]</c>, then the message
/// indented on the next line) with every control character of the message and exception escaped by
/// <see cref="LogText"/>. One entry is exactly two lines (one with <c>SingleLine</c>), whatever any component logs:
/// ASP.NET's request log, with a <c>%0d%0a</c> in the path, cannot forge an entry. Honours the simple formatter's
/// <c>TimestampFormat</c>, <c>UseUtcTimestamp</c> and <c>SingleLine</c> (section <c>Logging:Console:FormatterOptions</c>).
/// </summary>
public sealed class LineSafeConsoleFormatter(IOptionsMonitor<SimpleConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "line-safe";

    private const string MessageIndent = "      ";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var settings = options.CurrentValue;
        if (settings.TimestampFormat is { } format)
        {
            var now = settings.UseUtcTimestamp ? DateTimeOffset.UtcNow : DateTimeOffset.Now;
            textWriter.Write(now.ToString(format, CultureInfo.InvariantCulture));
        }

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        LogText.WriteEscaped(textWriter, logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        textWriter.Write(']');
        textWriter.Write(settings.SingleLine ? " " : "\n" + MessageIndent);
        LogText.WriteEscaped(textWriter, message);
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(' ');
            LogText.WriteEscaped(textWriter, exception.ToString());
        }

        textWriter.Write('\n');
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString().ToLowerInvariant(),
    };
}
