using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Tests.Limits;

/// <summary>
/// Counts the SQL commands the server executes (EF Core's <c>CommandExecuted</c> log entries), so a test can see how
/// much an execution read from the store before it stopped, and which columns it asked for.
/// </summary>
public sealed class StoreReadCounter : ILoggerProvider
{
    private const string CommandCategory = "Microsoft.EntityFrameworkCore.Database.Command";
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();
    private long _commands;

    public long Commands => Interlocked.Read(ref _commands);

    /// <summary>The log text of every command executed (its SQL included), in order.</summary>
    public IReadOnlyList<string> CommandTexts => [.. _texts];

    public ILogger CreateLogger(string categoryName) => new Counter(categoryName == CommandCategory ? this : null);

    public void Dispose()
    {
    }

    private sealed class Counter(StoreReadCounter? owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => owner is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (owner is not null && eventId.Name?.EndsWith("CommandExecuted", StringComparison.Ordinal) == true)
            {
                owner._texts.Enqueue(formatter(state, exception));
                Interlocked.Increment(ref owner._commands);
            }
        }
    }
}
