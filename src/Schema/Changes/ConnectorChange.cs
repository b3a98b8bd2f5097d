using System.Diagnostics;
using System.Text.Json.Serialization;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Changes;

/// <summary>What the write path announces after each commit. Ids, not documents: secrets never enter the feed.</summary>
public sealed record ConnectorChange(string Id, ConnectorChangeKind Kind, int Version)
{
    /// <summary>
    /// The connector exactly as this change committed it, when the change was raised in this process; a feed that
    /// crosses processes carries only id, kind and version, and subscribers there load the connector instead.
    /// </summary>
    [JsonIgnore]
    public Connector? Committed { get; init; }

    /// <summary>
    /// The connector as it was before this change, when the change was raised in this process (the writer read it);
    /// null when it crossed processes. It tells a filtered subscription whether the connector matched before.
    /// </summary>
    [JsonIgnore]
    public PriorState? Prior { get; init; }

    /// <summary>When the write committed (a <see cref="Stopwatch"/> timestamp), when raised in this process; else 0.</summary>
    [JsonIgnore]
    public long CommittedAt { get; init; }

    /// <summary>The writer's span, when raised in this process: the delivery span of this change is its child.</summary>
    [JsonIgnore]
    public ActivityContext WriteContext { get; init; }
}
