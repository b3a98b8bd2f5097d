namespace Coco.Connectors.Storage;

/// <summary>
/// A row of a trigger-kept count table (<c>connector_tag_counts</c>, <c>connector_categories</c>) as the query model
/// reads it: a distinct tag or category in use and how many connectors hold it.
/// </summary>
internal sealed record NameCount(string Name, int Count);
