using Coco.Connectors.Changes;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// A change feed of a test's own whose changes come as from another instance (ids and versions, without their prior
/// state), so a test decides when each arrives at a dispatcher over the server's real store.
/// </summary>
internal sealed class ForeignFeed : IConnectorChangeFeed
{
    private readonly InProcessChangeFeed _inner = new();

    public bool CrossesInstances => true;

    public ValueTask PublishAsync(ConnectorChange change) => _inner.PublishAsync(change);

    public IDisposable Subscribe(IObserver<ConnectorChange> observer) => _inner.Subscribe(observer);
}
