namespace Coco.Connectors.Querying;

/// <summary>
/// Which connectors a filter matched at one moment, and the latest <c>updated</c> time of any connector then: a change
/// whose connector was updated later was certainly committed after the snapshot.
/// </summary>
public sealed record MatchingSnapshot(HashSet<string> Ids, DateTime LatestUpdate);
