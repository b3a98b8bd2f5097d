using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Storage;

/// <summary>
/// Keeps SQLite's planner statistics current: after migrations (which may have built new indexes over every stored row)
/// and then on a schedule (<see cref="StorageOptions.OptimizeInterval"/>). <c>PRAGMA optimize</c> only re-analyzes what
/// has changed enough, and with WAL readers do not wait for it.
/// </summary>
internal sealed class SqliteOptimizer(IDbContextFactory<CocoDbContext> dbFactory, StorageOptions options, ILogger<SqliteOptimizer> logger) : PeriodicStoreTask
{
    /// <summary>Rows ANALYZE samples per index: enough for the planner's choices, bounded at any collection size.</summary>
    private const int AnalysisLimit = 2000;

    /// <summary>Migrates the store, saying which migrations run and how long they took (they may rebuild indexes).</summary>
    public static async Task MigrateAsync(CocoDbContext db, ILogger logger, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var rows = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS Value FROM sqlite_master WHERE name = 'connectors'").SingleAsync(ct) > 0
            ? await db.Connectors.LongCountAsync(ct)
            : 0;
        logger.LogInformation("Migrating the SQLite store over {Rows} connectors: {Migrations} (builds any new indexes from the stored rows)",
            rows, string.Join(", ", pending));
        var watch = Stopwatch.StartNew();
        await db.Database.MigrateAsync(ct);
        await AnalyzeAsync(db, ct);
        logger.LogInformation("Migrated the SQLite store ({Migrations}) and analyzed it in {Seconds:F1} s", string.Join(", ", pending), watch.Elapsed.TotalSeconds);
    }

    protected override TimeSpan Interval => options.OptimizeInterval;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Database.ExecuteSqlRawAsync($"PRAGMA analysis_limit = {AnalysisLimit}; PRAGMA optimize;", ct);
            logger.LogDebug("Ran PRAGMA optimize on the SQLite store");
        }
        catch (Exception e) when (StoreFailures.IsFailure(e))
        {
            logger.LogDebug("Skipped PRAGMA optimize: {Reason}", StoreFailures.Reason(e));
        }
    }

    private static Task AnalyzeAsync(CocoDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync($"PRAGMA analysis_limit = {AnalysisLimit}; ANALYZE;", ct);

    /// <summary>Registers the scheduled optimization.</summary>
    public static void Register(IServiceCollection services) => services.AddHostedService<SqliteOptimizer>();
}
