namespace Coco.Connectors.Storage;

/// <summary>
/// A row of the SQLite tag index <c>connector_tags</c>: one tag of one connector. Triggers on <c>connectors</c> derive it
/// from the <c>Tags</c> JSON inside each write's own transaction; only queries read it.
/// </summary>
public sealed class ConnectorTagEntry
{
    public string Tag { get; set; } = "";

    public string ConnectorId { get; set; } = "";
}
