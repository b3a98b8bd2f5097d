namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// One committed change, as PostgreSQL records it in <c>connector_changes</c> (a trigger on <c>connectors</c>, in the
/// writing transaction) and announces it with NOTIFY. Listeners that lost their connection replay from these rows.
/// </summary>
internal sealed class ConnectorChangeRecord
{
    public long Seq { get; set; }
    public required string ConnectorId { get; set; }
    public required string Kind { get; set; }
    public int Version { get; set; }

    /// <summary>The writing instance (its <c>coco.instance</c> setting), so it can wait for its own committed state.</summary>
    public string? Origin { get; set; }
    public DateTime RecordedAt { get; set; }
}
