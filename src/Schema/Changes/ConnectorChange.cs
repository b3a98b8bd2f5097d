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
}
