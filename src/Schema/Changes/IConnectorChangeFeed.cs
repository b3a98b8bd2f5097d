namespace Coco.Connectors.Changes;

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

    /// <summary>
    /// Whether changes may arrive without their <see cref="ConnectorChange.Prior"/> state (written by another instance):
    /// then filtered subscriptions track which connectors match (<see cref="ConnectorEventDispatcher"/>).
    /// </summary>
    bool CrossesInstances => false;
}
