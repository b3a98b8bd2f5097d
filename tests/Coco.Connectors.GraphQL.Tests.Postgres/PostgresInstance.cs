using System.Collections.Concurrent;
using Coco.Connectors.Storage.Postgres;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Tests.Postgres;

/// <summary>
/// One server instance over a PostgreSQL database that other instances may share, with short retry delays and a
/// record of what it logs.
/// </summary>
public sealed class PostgresInstance(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null) : CocoServer(database)
{
    public LogRecorder Log { get; } = new();

    /// <summary>This instance's change listener.</summary>
    public PostgresChangeListener Listener => Services.GetRequiredService<PostgresChangeListener>();

    /// <summary>Starts the instance and waits until its change listener is in place.</summary>
    public async Task<PostgresInstance> StartedAsync()
    {
        _ = BaseAddress;
        await Listener.Listening.WaitAsync(Patience.Limit);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:Postgres:FirstRetryDelay", "00:00:00.100");
        builder.UseSetting("Storage:Postgres:MaxRetryDelay", "00:00:00.500");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }
}

/// <summary>Keeps every log line (level, category, text) an instance writes.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._lines.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : "\n" + exception)));
            }
        }
    }
}
