using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Coco.Connectors.Connectors;
using Coco.Connectors.Querying;
using GraphQL;

namespace Coco.Connectors.Changes;

/// <summary>
/// Turns the change feed into per-subscriber event streams. Each subscriber gets its own bounded queue and worker,
/// so the write path only enqueues; a change's connector is loaded at most once and shared by every subscriber.
/// </summary>
public sealed class ConnectorEvents(IConnectorChangeFeed feed, ConnectorReader reader)
{
    /// <summary>Changes a subscriber may fall behind by before it is told so and its stream ends.</summary>
    public const int QueueCapacity = 256;

    public const string SlowConsumerCode = "SLOW_CONSUMER";

    private readonly ConditionalWeakTable<ConnectorChange, Task<Connector?>> _loads = [];

    /// <summary>
    /// A stream of what <paramref name="select"/> makes of each accepted change and its connector as it is now
    /// (null when deleted); a null selection delivers nothing. <paramref name="prepare"/> runs once, after the
    /// subscriber is attached to the feed and before its first event is selected.
    /// </summary>
    public IObservable<object?> Watch(
        Func<ConnectorChange, bool> accept,
        Func<ConnectorChange, Connector?, object?> select,
        Func<CancellationToken, Task>? prepare = null) =>
        new Stream(this, accept, select, prepare);

    /// <summary>
    /// Every change to a connector that matched <paramref name="filter"/> before or after it, with whether it
    /// matches now. Which connectors matched before is tracked per subscriber, starting from the store's answer
    /// when the subscription begins, so this works the same when changes come from other server instances.
    /// </summary>
    public IObservable<object?> WatchMatching(Expression<Func<Connector, bool>>? filter)
    {
        if (filter is null)
        {
            return Watch(_ => true, (change, connector) => new ConnectorChangedEvent(change, connector, connector is not null));
        }

        var matches = filter.Compile();
        return new DeferredStream(() =>
        {
            var matching = new HashSet<string>();
            return Watch(
                _ => true,
                (change, connector) =>
                {
                    var before = matching.Contains(change.Id);
                    var now = connector is not null && Evaluate(matches, connector);
                    if (now)
                    {
                        matching.Add(change.Id);
                    }
                    else
                    {
                        matching.Remove(change.Id);
                    }

                    return before || now ? new ConnectorChangedEvent(change, connector, now) : null;
                },
                async ct => matching.UnionWith(await reader.MatchingIdsAsync(new ConnectorQuery(filter, []), ct)));
        });
    }

    // The filter was written for SQL, where a null never throws; in memory a null member fails the match instead.
    private static bool Evaluate(Func<Connector, bool> matches, Connector connector)
    {
        try
        {
            return matches(connector);
        }
        catch (NullReferenceException)
        {
            return false;
        }
    }

    /// <summary>Builds a fresh stream, with fresh per-subscriber state, for every subscriber.</summary>
    private sealed class DeferredStream(Func<IObservable<object?>> create) : IObservable<object?>
    {
        public IDisposable Subscribe(IObserver<object?> observer) => create().Subscribe(observer);
    }

    // The state the change committed when it was raised here; otherwise one load shared by every subscriber.
    private Task<Connector?> LoadAsync(ConnectorChange change) => change switch
    {
        { Kind: ConnectorChangeKind.Deleted } => Task.FromResult<Connector?>(null),
        { Committed: { } committed } => Task.FromResult<Connector?>(committed),
        _ => _loads.GetValue(change, c => reader.FindAsync(c.Id, CancellationToken.None)),
    };

    private sealed class Stream(
        ConnectorEvents events,
        Func<ConnectorChange, bool> accept,
        Func<ConnectorChange, Connector?, object?> select,
        Func<CancellationToken, Task>? prepare) : IObservable<object?>
    {
        public IDisposable Subscribe(IObserver<object?> observer) => new Subscription(events, accept, select, prepare, observer);
    }

    private sealed class Subscription : IObserver<ConnectorChange>, IDisposable
    {
        private readonly ConnectorEvents _events;
        private readonly Func<ConnectorChange, bool> _accept;
        private readonly Func<ConnectorChange, Connector?, object?> _select;
        private readonly IObserver<object?> _observer;
        private readonly Channel<ConnectorChange> _queue = Channel.CreateBounded<ConnectorChange>(
            new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
        private readonly CancellationTokenSource _stop = new();
        private readonly IDisposable _feed;
        private bool _overflowed;

        public Subscription(
            ConnectorEvents events,
            Func<ConnectorChange, bool> accept,
            Func<ConnectorChange, Connector?, object?> select,
            Func<CancellationToken, Task>? prepare,
            IObserver<object?> observer)
        {
            _events = events;
            _accept = accept;
            _select = select;
            _observer = observer;
            _feed = events.Subscribe(this);
            _ = PumpAsync(prepare);
        }

        public void OnNext(ConnectorChange change)
        {
            if (_accept(change) && !_queue.Writer.TryWrite(change) && !_overflowed)
            {
                _overflowed = true;
                _queue.Writer.TryComplete();
            }
        }

        public void OnError(Exception error) => _queue.Writer.TryComplete(error);

        public void OnCompleted() => _queue.Writer.TryComplete();

        private async Task PumpAsync(Func<CancellationToken, Task>? prepare)
        {
            try
            {
                if (prepare is not null)
                {
                    await prepare(_stop.Token);
                }

                await foreach (var change in _queue.Reader.ReadAllAsync(_stop.Token))
                {
                    var connector = await _events.LoadAsync(change).WaitAsync(_stop.Token);
                    if (_select(change, connector) is { } delivered)
                    {
                        _observer.OnNext(delivered);
                    }
                }

                if (_overflowed)
                {
                    _observer.OnError(new ExecutionError(
                        $"This subscription fell more than {QueueCapacity} changes behind and was ended; subscribe again to resume.")
                    { Code = SlowConsumerCode });
                }
                else
                {
                    _observer.OnCompleted();
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Unsubscribed: nobody is listening any more.
            }
            catch (Exception e)
            {
                _observer.OnError(e);
            }
        }

        public void Dispose()
        {
            _feed.Dispose();
            _queue.Writer.TryComplete();
            _stop.Cancel();
        }
    }

    private IDisposable Subscribe(IObserver<ConnectorChange> observer) => feed.Subscribe(observer);
}
