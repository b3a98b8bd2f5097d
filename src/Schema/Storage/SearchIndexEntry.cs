namespace Coco.Connectors.Storage;

/// <summary>
/// A row of the SQLite free-text index <c>connectors_search</c> (FTS5, trigram): a connector's id and its lower-cased
/// search text. Triggers on <c>connectors</c> keep it in step inside each write's own transaction; only queries read it.
/// </summary>
public sealed class SearchIndexEntry
{
    public string Id { get; set; } = "";

    public string Text { get; set; } = "";
}
