using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Audit;

/// <summary>Deletes audit entries older than <see cref="AuditOptions.Retention"/> on a schedule (idempotent on every instance).</summary>
internal sealed class AuditPruner(IDbContextFactory<CocoDbContext> dbFactory, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditPruner> logger)
    : PeriodicStoreTask
{
    protected override TimeSpan Interval => options.Value.Retention > TimeSpan.Zero ? options.Value.PruneInterval : TimeSpan.Zero;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            var deleted = await PruneAsync(ct);
            logger.LogDebug("Pruned {Count} audit entries", deleted);
        }
        catch (Exception e) when (StoreFailures.IsFailure(e))
        {
            logger.LogDebug("Skipped pruning audit entries: {Reason}", StoreFailures.Reason(e));
        }
    }

    /// <summary>One round: deletes what is older than the retention; returns how many entries went.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.Retention;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
    }
}
