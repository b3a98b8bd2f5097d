namespace Coco.Connectors.Server.Transport.Persisted;

/// <summary>
/// Persisted documents, bound from the <c>GraphQL:PersistedDocuments</c> configuration section: automatic persisted
/// queries (Apollo's <c>extensions.persistedQuery</c>) and trusted documents (<c>documentId</c>) loaded at startup.
/// </summary>
public sealed class PersistedDocumentOptions
{
    public const string Section = "GraphQL:PersistedDocuments";

    /// <summary>Whether clients may register documents by hash (automatic persisted queries). On by default.</summary>
    public bool AutomaticEnabled { get; set; } = true;

    /// <summary>The total length of the document texts the automatic cache keeps; the least recently used go first.</summary>
    public long AutomaticCacheMaxTotalLength { get; set; } = 2_000_000;

    /// <summary>
    /// A folder of <c>.graphql</c> files (each one document) or a JSON file of documents by id (<c>{"id": "document"}</c>,
    /// as graphql-codegen's and Relay's persisted-document files, or Apollo's persisted query manifest). Optional.
    /// </summary>
    public string? TrustedDocumentsPath { get; set; }

    /// <summary>
    /// The production lockdown: run only trusted documents (by <c>documentId</c>, by hash, or whose text is one of them);
    /// anything else is refused and nothing can be registered.
    /// </summary>
    public bool OnlyTrusted { get; set; }
}
