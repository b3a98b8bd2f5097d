namespace Coco.Connectors.Querying;

/// <summary>A query rewritten onto the SQLite search indexes (<see cref="SqliteIndexedFilter"/>): once to read a page, once to count.</summary>
internal sealed record IndexedQueries(ConnectorQuery Page, ConnectorQuery Count);
