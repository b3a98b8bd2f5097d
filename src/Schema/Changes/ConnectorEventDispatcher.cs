using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Coco.Connectors.Domain;
using Coco.Connectors.Observability;
using Coco.Connectors.Querying;
using Coco.Connectors.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Changes;

/// <summary>
/// Turns the change feed into subscriber event streams. The write path only enqueues a change; one dispatcher loads
/// its connector (at most once) and hands it to every subscriber in feed order, so each connector's events reach
/// each subscriber in version order. Subscribers hold no queue or task of their own while idle: back-pressure on
/// slow clients is the transport's job (it bounds what it buffers per subscription). Events are snapshots: every
/// subscriber of a change gets the same objects (one connector, one <see cref="ConnectorChangedEvent"/> per outcome),
/// never changed afterwards, so a transport can serialize each once for all subscribers with the same selection.
/// A subscriber gets the changes published after it attached: one published before (a write that had returned)
/// is not delivered to it even when the dispatcher, busy, takes it from the queue only afterwards.
/// </summary>
public sealed class ConnectorEventDispatcher : IObserver<ConnectorChange>, IDisposable
{
    private readonly ConnectorReader _reader;
    private readonly CocoMetrics _metrics;
    // Which change each delivered event object belongs to, for the transports' dispatch timing; weak, so an event
    // is forgotten with its last subscriber.
    private readonly ConditionalWeakTable<object, ChangeDispatch> _dispatches = new();
    private readonly ILogger<ConnectorEventDispatcher> _logger;
    private readonly Channel<QueuedChange> _changes = Channel.CreateUnbounded<QueuedChange>(new() { SingleReader = true });
    // How many changes the feed has handed over; a subscriber remembers it when attaching.
    private long _published;
    private readonly IDisposable _feed;
    // Keyed by subscriber; a dictionary because thousands join and leave one at a time while the dispatcher reads.
    private readonly ConcurrentDictionary<Subscriber, byte> _subscribers = new();
    // One per distinct filter of the where-subscriptions, when the feed crosses instances.
    private readonly ConcurrentDictionary<string, MatchTracker> _trackers = new();
    private readonly Lock _trackersGate = new();
    private readonly TrackedIdAllowance _allowance;
    private readonly bool _feedCrossesInstances;

    public ConnectorEventDispatcher(
        IConnectorChangeFeed feed,
        ConnectorReader reader,
        CocoMetrics metrics,
        IOptions<MatchTrackingOptions> tracking,
        ILogger<ConnectorEventDispatcher> logger)
    {
        _reader = reader;
        _allowance = new TrackedIdAllowance(tracking.Value.MaxTrackedIds);
        _feedCrossesInstances = feed.CrossesInstances;
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
    /// matches now. A change raised in this process carries the state it replaced, which decides "matched before"
    /// exactly and costs no memory. Where changes also come from other instances (<see cref="IConnectorChangeFeed.CrossesInstances"/>),
    /// the ids that match are tracked once per distinct filter (<paramref name="key"/>), shared by every subscription with
    /// it and forgotten with the last of them (<see cref="MatchTracker"/>), within <see cref="MatchTrackingOptions.MaxTrackedIds"/>.
    /// Whatever decides it, a change whose prior state is unknown is told as a non-match rather than risk a stale entry.
    /// </summary>
    public IObservable<object?> WatchMatching(ConnectorFilter filter, string key)
    {
        if (filter.Predicate is null)
        {
            return new Stream(this, () => new Handlers(_ => true, delivery => delivery.Changed(delivery.Connector is not null), null));
        }

        if (!_feedCrossesInstances)
        {
            return new Stream(this, () => new Handlers(_ => true, delivery => Decide(filter, delivery), null));
        }

        return new Stream(this, () =>
        {
            var tracker = AcquireTracker(key, filter);
            return new Handlers(
                _ => true,
                delivery => delivery.TryGetDecision(tracker, out var delivered) ? delivered : null,
                ct => tracker.Loaded.WaitAsync(ct),
                () => ReleaseTracker(tracker));
        });
    }

    /// <summary>How many distinct filters have their matches tracked (or being read) now.</summary>
    public int TrackedFilters => _trackers.Count;

    /// <summary>How many of those are still reading their snapshot.</summary>
    public int TrackedFiltersReading => _trackers.Values.Count(t => !t.Loaded.IsCompleted);

    /// <summary>How many connector ids all trackers hold together (each distinct filter's once).</summary>
    public long TrackedIds => _allowance.Held;

    // Without a tracker: the change's prior state says whether it matched; unknown (only a change published without it)
    // counts as "may have matched".
    private static ConnectorChangedEvent? Decide(ConnectorFilter filter, ChangeDelivery delivery)
    {
        var now = delivery.Connector is { } connector && filter.Matches(connector);
        var before = delivery.Change.Prior is not { } prior || prior.Matched(filter);
        return before || now ? delivery.Changed(now) : null;
    }

    private MatchTracker AcquireTracker(string key, ConnectorFilter filter)
    {
        lock (_trackersGate)
        {
            if (!_trackers.TryGetValue(key, out var tracker) || tracker.Loaded.IsFaulted)
            {
                // A tracker whose snapshot failed is not reused: the next subscription reads again.
                tracker = new MatchTracker(key, filter, _allowance);
                _trackers[key] = tracker;
                _ = tracker.LoadAsync(_reader);
            }

            tracker.References++;
            return tracker;
        }
    }

    private void ReleaseTracker(MatchTracker tracker)
    {
        lock (_trackersGate)
        {
            if (--tracker.References > 0)
            {
                return;
            }

            _trackers.TryRemove(new KeyValuePair<string, MatchTracker>(tracker.Key, tracker));
        }

        tracker.Release();
    }

    void IObserver<ConnectorChange>.OnNext(ConnectorChange value) =>
        _changes.Writer.TryWrite(new QueuedChange(Interlocked.Increment(ref _published), value));

    void IObserver<ConnectorChange>.OnError(Exception error) => _logger.LogError("The change feed failed: {Error}", error.GetType().Name);

    void IObserver<ConnectorChange>.OnCompleted() => _changes.Writer.TryComplete();

    private async Task DispatchAsync()
    {
        await foreach (var (sequence, change) in _changes.Reader.ReadAllAsync())
        {
            // A tracker may be reading its snapshot before its first subscriber is attached: it must see every change.
            if (_subscribers.IsEmpty && _trackers.IsEmpty)
            {
                continue;
            }

            var dispatch = Begin(change, out var previous);
            try
            {
                await OfferAsync(change, sequence, dispatch);
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

    private async Task OfferAsync(ConnectorChange change, long sequence, ChangeDispatch dispatch)
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

        var delivery = new ChangeDelivery(change, connector, dispatch);
        foreach (var (_, tracker) in _trackers)
        {
            tracker.Advance(delivery);
        }

        foreach (var (subscriber, _) in _subscribers)
        {
            try
            {
                subscriber.Offer(delivery, sequence);
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

    private readonly record struct QueuedChange(long Sequence, ConnectorChange Change);

    private sealed record Handlers(
        Func<ConnectorChange, bool> Accept,
        Func<ChangeDelivery, object?> Select,
        Func<CancellationToken, Task>? Prepare,
        Action? Release = null);

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
        // The changes published before this subscriber attached are not its own.
        private readonly long _attachedAfter;
        private List<ChangeDelivery>? _waiting;
        private bool _done;

        public Subscriber(ConnectorEventDispatcher events, Handlers handlers, IObserver<object?> observer)
        {
            _events = events;
            _handlers = handlers;
            _observer = observer;
            _attachedAfter = Interlocked.Read(ref events._published);
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

        public void Offer(ChangeDelivery delivery, long sequence)
        {
            if (sequence <= _attachedAfter || !_handlers.Accept(delivery.Change))
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
        private void Emit(ChangeDelivery delivery)
        {
            if (_done)
            {
                return;
            }

            try
            {
                if (_handlers.Select(delivery) is { } delivered)
                {
                    // Subscribers share the event objects: the table is written once per object, not per subscriber.
                    if (!_events._dispatches.TryGetValue(delivered, out var known) || known != delivery.Dispatch)
                    {
                        _events._dispatches.AddOrUpdate(delivered, delivery.Dispatch);
                    }

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
            if (_events._subscribers.TryRemove(this, out _))
            {
                _handlers.Release?.Invoke();
            }

            _preparing?.Cancel();
        }
    }
}
