namespace Coco.Connectors.Storage;

/// <summary>The <c>Storage</c> configuration section (CONTRACT §5).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (default, one embedded file) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    public string ConnectionString { get; set; } = "Data Source=data/coco.db";

    /// <summary>
    /// How long a write waits for the store's write lock (held by another process, or by other writes to the same
    /// connector in this one) before it is answered 503. Also bounds SQLite's own busy retries.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long <c>/healthz</c> waits for the write lock when it probes that the store is writable.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>/healthz</c> reports the store unwritable (full) when less room than this is left, on the volume or under
    /// SQLite's page limit: a write needs room for its pages before it can commit.
    /// </summary>
    public long MinFreeBytes { get; set; } = 1024 * 1024;

    /// <summary>How often the SQLite store refreshes its planner statistics (<c>PRAGMA optimize</c>); zero turns it off.</summary>
    public TimeSpan OptimizeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many match counts (<c>totalCount</c>, REST <c>hits.total</c>) the SQLite store keeps until the next write
    /// changes the collection (<see cref="Querying.CountCache"/>); zero turns the cache off.
    /// </summary>
    public int CountCacheEntries { get; set; } = 256;
}
