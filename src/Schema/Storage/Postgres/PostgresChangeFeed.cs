using System.Collections.Concurrent;
using Coco.Connectors.Changes;
using Coco.Connectors.Connectors;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// The change feed when several instances share one PostgreSQL database. Every change reaches this instance's
/// subscribers from <see cref="PostgresChangeListener"/>, its own writes included, so all of them arrive in commit
/// order and one connector's changes in version order whichever instance wrote them. <see cref="Publish"/> (the
/// write path, after commit) only remembers the committed connector so that its event needs no second read.
/// </summary>
public sealed class PostgresChangeFeed : IConnectorChangeFeed
{
    /// <summary>How many committed connectors wait for their notification at most (more only while the listener is down).</summary>
    private const int MaxRemembered = 4096;

    private readonly InProcessChangeFeed _fanOut = new();
    private readonly ConcurrentDictionary<(string Id, int Version), Connector> _committed = new();
    private readonly ConcurrentQueue<(string Id, int Version)> _remembered = new();

    public void Publish(ConnectorChange change)
    {
        if (change.Committed is not { } committed || !_committed.TryAdd((change.Id, change.Version), committed))
        {
            return;
        }

        _remembered.Enqueue((change.Id, change.Version));
        while (_remembered.Count > MaxRemembered && _remembered.TryDequeue(out var oldest))
        {
            _committed.TryRemove(oldest, out _);
        }
    }

    public IDisposable Subscribe(IObserver<ConnectorChange> observer) => _fanOut.Subscribe(observer);

    /// <summary>A change the database recorded, in commit order, once.</summary>
    internal void Deliver(ConnectorChange change) =>
        _fanOut.Publish(_committed.TryRemove((change.Id, change.Version), out var committed) ? change with { Committed = committed } : change);
}
