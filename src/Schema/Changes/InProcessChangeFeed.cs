using System.Collections.Immutable;

namespace Coco.Connectors.Changes;

/// <summary>Fans each change out to every observer of this process, synchronously and in publish order.</summary>
public sealed class InProcessChangeFeed : IConnectorChangeFeed
{
    private ImmutableArray<IObserver<ConnectorChange>> _observers = [];

    public ValueTask PublishAsync(ConnectorChange change)
    {
        Publish(change);
        return ValueTask.CompletedTask;
    }

    public void Publish(ConnectorChange change)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnNext(change);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The change is committed; one broken subscriber must neither fail the write nor starve the others.
            }
        }
    }

    public IDisposable Subscribe(IObserver<ConnectorChange> observer)
    {
        ImmutableInterlocked.Update(ref _observers, list => list.Add(observer));
        return new Unsubscriber(this, observer);
    }

    private sealed class Unsubscriber(InProcessChangeFeed feed, IObserver<ConnectorChange> observer) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref feed._observers, list => list.Remove(observer));
    }
}
