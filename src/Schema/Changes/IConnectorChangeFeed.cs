using System.Text.Json.Serialization;

namespace Coco.Connectors.Changes;

/// <summary>
/// Where committed changes go and where subscribers listen. In-process by default; a PostgreSQL
/// LISTEN/NOTIFY feed can take its place so that events cross server instances.
/// </summary>
public interface IConnectorChangeFeed : IObservable<ConnectorChange>
{
    void Publish(ConnectorChange change);
}
