namespace Coco.Connectors.Storage.Postgres;

/// <summary>The <c>Storage:Postgres</c> section: retries and the cross-instance change feed.</summary>
public sealed class PostgresOptions
{
    public const string Section = "Storage:Postgres";

    /// <summary>First wait before retrying an unreachable server (at startup and for the change listener); doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one migration statement may run at startup (building an index over a million connectors takes minutes).</summary>
    public TimeSpan MigrationTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long change rows are kept: a listener that was cut off for longer cannot replay what it missed.</summary>
    public TimeSpan ChangeRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often old change rows are deleted.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a hole in the change sequence may stay open before it counts as a rolled-back write. A sequence number
    /// is taken inside the writing transaction, so a later number can commit first; the hole closes when the earlier
    /// one commits (it is then delivered) or never (its transaction rolled back).
    /// </summary>
    public TimeSpan SequenceGapGrace { get; set; } = TimeSpan.FromSeconds(30);
}
