using System.Collections.Concurrent;
using System.Data.Common;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// The real server with a clock the tests set (so created/updated are known) and a log of the SQL it runs (to check
/// that totalCount is only counted when selected and that string filters never use SQLite's case-insensitive LIKE).
/// </summary>
public class QueryingServer : CocoServer
{
    private readonly SemaphoreSlim _seedLock = new(1, 1);
    private bool _seeded;

    public ManualClock Clock { get; } = new(QueryDataset.Epoch.AddDays(-1));

    public SqlLog Sql { get; } = new();

    public QueryClient GraphQL => _client ??= new(this);

    private QueryClient? _client;

    /// <summary>Seeds <see cref="QueryDataset"/> once per server.</summary>
    public async Task EnsureSeededAsync()
    {
        await _seedLock.WaitAsync();
        try
        {
            if (!_seeded)
            {
                await QueryDataset.SeedAsync(this);
                _seeded = true;
            }
        }
        finally
        {
            _seedLock.Release();
        }
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.ConfigureDbContext<Storage.CocoDbContext>(options => options.AddInterceptors(Sql));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _seedLock.Dispose();
        }
    }
}

/// <summary>A clock that only moves when told to.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public void Set(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}

/// <summary>Records the SQL text of every command the server runs.</summary>
public sealed class SqlLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
