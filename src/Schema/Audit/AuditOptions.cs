namespace Coco.Connectors.Audit;

/// <summary>The <c>Audit</c> configuration section: how long entries are kept, and how often old ones are pruned.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Entries older than this are deleted (400 days: a year and a bit, for yearly reviews). Zero keeps them forever.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>How often the pruning runs; zero never prunes.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The page size when the caller names none.</summary>
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>The largest page a caller may ask for.</summary>
    public int MaxPageSize { get; set; } = 100;
}
