using Coco.Connectors.Domain;
using Coco.Connectors.Querying;
using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Audit;

/// <summary>
/// Reads the audit log, newest first, a bounded page at a time, keyset-paged by <see cref="AuditEntry.Seq"/> (entries
/// written meanwhile do not shift a page). The entries themselves are written by the one write path.
/// </summary>
public sealed class AuditLog(IDbContextFactory<CocoDbContext> dbFactory, IOptions<AuditOptions> options)
{
    public AuditOptions Options => options.Value;

    /// <summary>
    /// Up to <paramref name="size"/> entries older than <paramref name="before"/> (a <see cref="AuditEntry.Seq"/>; null: from
    /// the newest), only <paramref name="connectorId"/>'s when given; <paramref name="size"/> within <see cref="Limits"/>.
    /// </summary>
    public async Task<AuditPage> PageAsync(string? connectorId, long? before, int size, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (connectorId is not null)
        {
            query = query.Where(e => e.ConnectorId == connectorId);
        }

        if (before is { } seq)
        {
            query = query.Where(e => e.Seq < seq);
        }

        var rows = await query.OrderByDescending(e => e.Seq).Take(size + 1).ToListAsync(ct);
        var hasMore = rows.Count > size;
        return new AuditPage(hasMore ? rows[..size] : rows, hasMore);
    }

    /// <summary>Deletes the entries older than <see cref="AuditOptions.Retention"/> (none when it is zero); returns how many went.</summary>
    public async Task<int> PruneAsync(DateTime now, CancellationToken ct)
    {
        if (options.Value.Retention <= TimeSpan.Zero)
        {
            return 0;
        }

        var cutoff = now - options.Value.Retention;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// The page sizes callers may ask for (<c>Audit:DefaultPageSize</c>, <c>Audit:MaxPageSize</c>), at least 1: a page of
    /// nothing has no last entry to continue from, so any size below 1 is one error, <see cref="EmptyPageCode"/>.
    /// </summary>
    public PageLimits Limits => new(options.Value.DefaultPageSize, options.Value.MaxPageSize, MinPageSize: 1, TooSmallCode: EmptyPageCode);

    /// <summary><c>extensions.code</c> of a page size below 1.</summary>
    public const string EmptyPageCode = "PAGE_SIZE_TOO_SMALL";

    /// <summary><c>extensions.code</c> of a connector filter that is no connector id.</summary>
    public const string InvalidConnectorIdCode = "INVALID_CONNECTOR_ID";

    /// <summary>
    /// The rules of a request for a page, the same for REST and GraphQL (<paramref name="sizeArgument"/> and
    /// <paramref name="connectorArgument"/> name the parameters as each calls them): the page size to use, or a
    /// <see cref="QueryException"/> with a code for a size out of <see cref="Limits"/> or a connector filter that is no
    /// connector id.
    /// </summary>
    public int CheckRequest(long? size, string sizeArgument, string? connectorId, string connectorArgument)
    {
        var checkedSize = Limits.Size(size, sizeArgument);
        if (connectorId is not null && !ConnectorIds.IsValid(connectorId))
        {
            throw new QueryException(connectorArgument, $"`{connectorArgument}` is not a connector id: 1 to 64 letters, digits, '_' or '-', starting with a letter or digit.",
                InvalidConnectorIdCode, new Dictionary<string, object?> { ["argument"] = connectorArgument });
        }

        return checkedSize;
    }
}
