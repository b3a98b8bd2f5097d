using Coco.Connectors.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Audit;

/// <summary>Deletes audit entries older than <see cref="AuditOptions.Retention"/> on a schedule (idempotent on every instance).</summary>
internal sealed class AuditPruner(AuditLog log, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditPruner> logger) : PeriodicStoreTask
{
    protected override TimeSpan Interval => options.Value.Retention > TimeSpan.Zero ? options.Value.PruneInterval : TimeSpan.Zero;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            var deleted = await log.PruneAsync(clock.GetUtcNow().UtcDateTime, ct);
            logger.LogDebug("Pruned {Count} audit entries", deleted);
        }
        catch (Exception e) when (StoreFailures.IsFailure(e))
        {
            logger.LogDebug("Skipped pruning audit entries: {Reason}", StoreFailures.Reason(e));
        }
    }
}
