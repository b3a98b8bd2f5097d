using System.Text.Json.Serialization;
using Coco.Connectors.Connectors;

namespace Coco.Connectors.Changes;

public enum ConnectorChangeKind
{
    Created,
    Updated,
    Deleted,
}

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

/// <summary>
/// Where committed changes go and where subscribers listen. In-process by default; a PostgreSQL
/// LISTEN/NOTIFY feed can take its place so that events cross server instances.
/// </summary>
public interface IConnectorChangeFeed : IObservable<ConnectorChange>
{
    /// <summary>
    /// Announces a committed change. Completes once this instance's observers have it, so a write returns after its
    /// event is on its way to local subscribers (the PostgreSQL feed waits, briefly, for it to come back through LISTEN).
    /// </summary>
    ValueTask PublishAsync(ConnectorChange change);
}
