using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Coco.Connectors.Domain;
using Coco.Connectors.Observability;
using Coco.Connectors.Querying;
using Coco.Connectors.Secrets;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Changes;

/// <summary>
/// Turns the change feed into subscriber event streams. The write path only enqueues a change; one dispatcher loads
/// its connector (at most once) and hands it to every subscriber in feed order, so each connector's events reach
/// each subscriber in version order. Subscribers hold no queue or task of their own while idle: back-pressure on
/// slow clients is the transport's job (it bounds what it buffers per subscription). Events are snapshots: every
/// subscriber of a change gets the same objects (one connector, one <see cref="ConnectorChangedEvent"/> per outcome),
/// never changed afterwards, so a transport can serialize each once for all subscribers with the same selection.
/// </summary>
public sealed class ConnectorEventDispatcher : IObserver<ConnectorChange>, IDisposable
{
    private readonly ConnectorReader _reader;
    private readonly CocoMetrics _metrics;
    // Which change each delivered event object belongs to, for the transports' dispatch timing; weak, so an event
    // is forgotten with its last subscriber.
    private readonly ConditionalWeakTable<object, ChangeDispatch> _dispatches = new();
    private readonly ILogger<ConnectorEventDispatcher> _logger;
    private readonly Channel<ConnectorChange> _changes = Channel.CreateUnbounded<ConnectorChange>(new() { SingleReader = true });
    private readonly IDisposable _feed;
    // Keyed by subscriber; a dictionary because thousands join and leave one at a time while the dispatcher reads.
    private readonly ConcurrentDictionary<Subscriber, byte> _subscribers = new();

    public ConnectorEventDispatcher(IConnectorChangeFeed feed, ConnectorReader reader, CocoMetrics metrics, ILogger<ConnectorEventDispatcher> logger)
    {
        _reader = reader;
        _metrics = metrics;
        _logger = logger;
        _feed = feed.Subscribe(this);
        _ = DispatchAsync();
    }

    public int SubscriberCount => _subscribers.Count;

    /// <summary>The change an event object (as a subscriber received it) was delivered for, while it is in flight.</summary>
    public ChangeDispatch? DispatchOf(object delivered) => _dispatches.TryGetValue(delivered, out var dispatch) ? dispatch : null;

    /// <summary>
    /// A stream of what <paramref name="select"/> makes of each accepted change and its connector as it is now
    /// (null when deleted); a null selection delivers nothing. <paramref name="prepare"/> runs once per subscriber,
    /// after it is attached, and the changes that arrive meanwhile wait for it.
    /// </summary>
    public IObservable<object?> Watch(
        Func<ConnectorChange, bool> accept,
        Func<ConnectorChange, Connector?, object?> select,
        Func<CancellationToken, Task>? prepare = null) =>
        new Stream(this, () => new Handlers(accept, delivery => select(delivery.Change, delivery.Connector), prepare));

    /// <summary>
    /// Every change to a connector that matched <paramref name="filter"/> before or after it, with whether it
    /// matches now. Which connectors matched before is tracked per subscriber, starting from the store's answer
    /// when the subscription begins (read after the subscriber is attached; events meanwhile wait for it), so this works
    /// the same when changes come from other server instances. A change that snapshot may already show is told as a
    /// non-match when its connector is outside the snapshot, once per connector: a "leave" is never missed.
    /// </summary>
    public IObservable<object?> WatchMatching(ConnectorFilter filter)
    {
        if (filter.Predicate is null)
        {
            return new Stream(this, () => new Handlers(_ => true, delivery => delivery.Changed(delivery.Connector is not null), null));
        }

        return new Stream(this, () =>
        {
            var matching = new HashSet<string>();
            var unsure = new HashSet<string>();
            var snapshotTime = DateTime.MaxValue;
            return new Handlers(
                _ => true,
                delivery =>
                {
                    var id = delivery.Change.Id;
                    var before = matching.Contains(id);
                    var now = delivery.Connector is { } connector && filter.Matches(connector);
                    if (now)
                    {
                        matching.Add(id);
                    }
                    else
                    {
                        matching.Remove(id);
                    }

                    // A change the snapshot may already show (committed before it, its event arriving after): whether
                    // the connector matched before it is unknown, so the first such event of a connector outside the
                    // snapshot says "does not match" rather than risk leaving a stale entry in a live list.
                    if (!before && !now && MayPrecede(delivery, snapshotTime) && unsure.Add(id))
                    {
                        return delivery.Changed(false);
                    }

                    return before || now ? delivery.Changed(now) : null;
                },
                async ct =>
                {
                    var snapshot = await _reader.MatchingSnapshotAsync(new ConnectorQuery(filter.Predicate, []), ct);
                    matching.UnionWith(snapshot.Ids);
                    snapshotTime = snapshot.LatestUpdate;
                });
        });
    }

    // Updated times only grow per connector, and every change committed before the snapshot is at or before its latest
    // update; a deletion carries no time, so it may always precede.
    private static bool MayPrecede(Delivery delivery, DateTime snapshotTime) =>
        delivery.Connector is not { } connector || connector.Updated <= snapshotTime;

    void IObserver<ConnectorChange>.OnNext(ConnectorChange value) => _changes.Writer.TryWrite(value);

    void IObserver<ConnectorChange>.OnError(Exception error) => _logger.LogError("The change feed failed: {Error}", error.GetType().Name);

    void IObserver<ConnectorChange>.OnCompleted() => _changes.Writer.TryComplete();

    private async Task DispatchAsync()
    {
        await foreach (var change in _changes.Reader.ReadAllAsync())
        {
            if (_subscribers.IsEmpty)
            {
                continue;
            }

            var dispatch = Begin(change, out var previous);
            try
            {
                await OfferAsync(change, dispatch);
            }
            finally
            {
                dispatch.Offered();
                Activity.Current = previous;
            }
        }
    }

    // The delivery span is a child of the write's span (when the write happened here), so a trace shows the
    // mutation and the events it caused together; it ends when the last subscriber has the event (ChangeDispatch).
    private ChangeDispatch Begin(ConnectorChange change, out Activity? previous)
    {
        previous = Activity.Current;
        var span = CocoTelemetry.Source.StartActivity("connector.change.deliver", ActivityKind.Consumer, change.WriteContext);
        span?.SetTag("coco.change.kind", ChangeDispatch.Kind(change.Kind));
        span?.SetTag("coco.connector.id", change.Id);
        span?.SetTag("coco.connector.version", change.Version);
        _metrics.EventDispatched(ChangeDispatch.Kind(change.Kind));
        return new ChangeDispatch(change, _metrics, span, change.CommittedAt != 0 ? change.CommittedAt : Stopwatch.GetTimestamp());
    }

    private async Task OfferAsync(ConnectorChange change, ChangeDispatch dispatch)
    {
        Connector? connector;
        try
        {
            connector = await LoadAsync(change);
        }
        catch (Exception e)
        {
            Activity.Current?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            _logger.LogError("Could not load connector {Id} for its {Kind} event: {Error}", change.Id, change.Kind, e.GetType().Name);
            return;
        }

        var delivery = new Delivery(change, connector, dispatch);
        foreach (var (subscriber, _) in _subscribers)
        {
            try
            {
                subscriber.Offer(delivery);
            }
            catch (Exception e)
            {
                // One broken subscriber ends alone; the dispatcher goes on for the others.
                _logger.LogError("A subscriber failed on a {Kind} event and was dropped: {Exception}", change.Kind, ExceptionLog.Describe(e));
                subscriber.Dispose();
            }
        }
    }

    // The state the change committed when it was raised here; otherwise one load from the store.
    private Task<Connector?> LoadAsync(ConnectorChange change) => change switch
    {
        { Kind: ConnectorChangeKind.Deleted } => Task.FromResult<Connector?>(null),
        { Committed: { } committed } => Task.FromResult<Connector?>(committed),
        _ => _reader.FindAsync(change.Id, CancellationToken.None),
    };

    public void Dispose()
    {
        _feed.Dispose();
        _changes.Writer.TryComplete();
    }

    private sealed record Handlers(
        Func<ConnectorChange, bool> Accept,
        Func<Delivery, object?> Select,
        Func<CancellationToken, Task>? Prepare);

    /// <summary>One change as every subscriber receives it: the same objects for all of them.</summary>
    private sealed class Delivery(ConnectorChange change, Connector? connector, ChangeDispatch dispatch)
    {
        private ConnectorChangedEvent? _matching;
        private ConnectorChangedEvent? _notMatching;

        public ConnectorChange Change => change;

        public Connector? Connector => connector;

        public ChangeDispatch Dispatch => dispatch;

        // Two threads may race here (the dispatcher, and a subscriber releasing the events it held while preparing);
        // then both get an equal event and only the sharing of its serialization is lost.
        public ConnectorChangedEvent Changed(bool matches) => matches
            ? _matching ??= new ConnectorChangedEvent(change, connector, true)
            : _notMatching ??= new ConnectorChangedEvent(change, connector, false);
    }

    /// <summary>Each subscription gets fresh handlers, so per-subscriber state is never shared.</summary>
    private sealed class Stream(ConnectorEventDispatcher events, Func<Handlers> create) : IObservable<object?>
    {
        public IDisposable Subscribe(IObserver<object?> observer) => new Subscriber(events, create(), observer);
    }

    private sealed class Subscriber : IDisposable
    {
        private readonly ConnectorEventDispatcher _events;
        private readonly Handlers _handlers;
        private readonly IObserver<object?> _observer;
        private readonly Lock _gate = new();
        private readonly CancellationTokenSource? _preparing;
        private List<Delivery>? _waiting;
        private bool _done;

        public Subscriber(ConnectorEventDispatcher events, Handlers handlers, IObserver<object?> observer)
        {
            _events = events;
            _handlers = handlers;
            _observer = observer;
            if (handlers.Prepare is not null)
            {
                _waiting = [];
                _preparing = new CancellationTokenSource();
            }

            events._subscribers.TryAdd(this, 0);
            if (handlers.Prepare is not null)
            {
                _ = PrepareAsync(handlers.Prepare);
            }
        }

        public void Offer(Delivery delivery)
        {
            if (!_handlers.Accept(delivery.Change))
            {
                return;
            }

            lock (_gate)
            {
                if (_waiting is not null)
                {
                    _waiting.Add(delivery);
                }
                else
                {
                    Emit(delivery);
                }
            }
        }

        private async Task PrepareAsync(Func<CancellationToken, Task> prepare)
        {
            try
            {
                await prepare(_preparing!.Token);
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    Fail(e);
                }

                return;
            }

            lock (_gate)
            {
                foreach (var delivery in _waiting!)
                {
                    Emit(delivery);
                }

                _waiting = null;
            }
        }

        // Called under the gate: one subscriber's events leave one at a time, in order.
        private void Emit(Delivery delivery)
        {
            if (_done)
            {
                return;
            }

            try
            {
                if (_handlers.Select(delivery) is { } delivered)
                {
                    _events._dispatches.AddOrUpdate(delivered, delivery.Dispatch);
                    _observer.OnNext(delivered);
                }
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        private void Fail(Exception e)
        {
            if (!_done && e is not OperationCanceledException)
            {
                _observer.OnError(e);
            }

            Dispose();
        }

        public void Dispose()
        {
            _done = true;
            _events._subscribers.TryRemove(this, out _);
            _preparing?.Cancel();
        }
    }
}
