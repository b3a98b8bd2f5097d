using Coco.Connectors.Changes;

namespace Coco.Connectors.Audit;

/// <summary>
/// One committed write, recorded in the same transaction as the write itself: who (<see cref="Caller"/>), what
/// (<see cref="ConnectorId"/>, <see cref="Kind"/>, <see cref="Version"/> after the write) and when. Never any of the
/// connector's fields: its config (and so its secrets) stays out of the log.
/// </summary>
public sealed class AuditEntry
{
    public const int CallerMaxLength = 64;
    public const int RequestIdMaxLength = 128;

    /// <summary>Increases with every entry: newest first is highest first, and the cursor of the pages.</summary>
    public long Seq { get; set; }

    /// <summary>UTC, to the millisecond (the write's own time stamp).</summary>
    public DateTime At { get; set; }

    /// <summary>The token's name; <c>local</c> or <c>anonymous</c> without a token; <c>system</c> for the server's own writes.</summary>
    public required string Caller { get; set; }

    public required string ConnectorId { get; set; }

    public ConnectorChangeKind Kind { get; set; }

    /// <summary>The connector's version after the write (for a delete, the version the deletion took).</summary>
    public int Version { get; set; }

    /// <summary>The request's id as the server logs it (<c>RequestId</c>), when the write came from one.</summary>
    public string? RequestId { get; set; }
}
