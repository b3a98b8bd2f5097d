using Coco.Connectors.Changes;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// The change feed when several instances share one PostgreSQL database. Every change reaches this instance's
/// subscribers from <see cref="PostgresChangeListener"/> in commit order, its own writes included, so one connector's
/// changes arrive in version order whichever instance wrote them. A change this instance wrote waits (with the
/// changes behind it) for <see cref="PublishAsync"/>, which the write path calls right after its commit, so that its
/// event carries the state that change committed, as on SQLite; and the write returns once its change came back, so
/// a subscription started after a write never sees it. Other instances' changes are loaded when delivered.
/// </summary>
public sealed class PostgresChangeFeed(TimeProvider clock) : IConnectorChangeFeed
{
    /// <summary>
    /// How long an own change may wait for its publication (a write that failed after its commit never publishes),
    /// and a write for its change to come back.
    /// </summary>
    private static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(2);

    /// <summary>How many publications may wait for their notification (more only while the listener is down).</summary>
    private const int MaxPublished = 4096;

    private readonly InProcessChangeFeed _fanOut = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Id, int Version), ConnectorChange> _published = [];
    private readonly Queue<(string Id, int Version)> _publishedOrder = new();
    private readonly Dictionary<(string Id, int Version), TaskCompletionSource> _writers = [];
    private readonly Queue<(ConnectorChange Change, bool Own, long Deadline)> _held = new();
    private bool _releaseScheduled;

    /// <summary>Names this instance in the change rows and notifications it causes (its connections' <c>coco.instance</c>).</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Whether the listener is connected; while it is not, writes do not wait for their change to come back.</summary>
    internal bool Listening { get; set; }

    public ValueTask PublishAsync(ConnectorChange change)
    {
        var key = (change.Id, change.Version);
        TaskCompletionSource? back = null;
        lock (_gate)
        {
            if (_published.TryAdd(key, change))
            {
                _publishedOrder.Enqueue(key);
                while (_publishedOrder.Count > MaxPublished && _publishedOrder.TryDequeue(out var oldest))
                {
                    _published.Remove(oldest);
                }
            }

            if (Listening)
            {
                back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _writers[key] = back;
            }

            Release();
        }

        return back is null ? ValueTask.CompletedTask : WaitAsync(key, back.Task);
    }

    public IDisposable Subscribe(IObserver<ConnectorChange> observer) => _fanOut.Subscribe(observer);

    /// <summary>Other instances' changes arrive as ids and versions, without the state they replaced.</summary>
    public bool CrossesInstances => true;

    /// <summary>A change the database recorded, in commit order, once; <paramref name="origin"/> is the instance that wrote it.</summary>
    internal void Deliver(ConnectorChange change, string origin)
    {
        lock (_gate)
        {
            _held.Enqueue((change, origin == InstanceId, clock.GetTimestamp() + (long)(HoldLimit.TotalSeconds * clock.TimestampFrequency)));
            Release();
            ScheduleRelease();
        }
    }

    private async ValueTask WaitAsync((string, int) key, Task back)
    {
        try
        {
            await back.WaitAsync(HoldLimit, clock);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _writers.Remove(key);
            }
        }
    }

    // Called under the gate. Hands over the held changes that are ready, in order: another instance's, or an own
    // one that was published or whose wait ran out.
    private void Release()
    {
        var now = clock.GetTimestamp();
        while (_held.TryPeek(out var next))
        {
            var key = (next.Change.Id, next.Change.Version);
            var published = _published.Remove(key, out var own);
            if (next.Own && !published && now < next.Deadline)
            {
                return;
            }

            _held.Dequeue();
            _fanOut.Publish(own is null ? next.Change
                : next.Change with { Committed = own.Committed, Prior = own.Prior, CommittedAt = own.CommittedAt, WriteContext = own.WriteContext });
            if (_writers.Remove(key, out var writer))
            {
                writer.TrySetResult();
            }
        }
    }

    // Called under the gate: one timer at a time looks again once a held change's wait may have run out.
    private void ScheduleRelease()
    {
        if (_held.Count > 0 && !_releaseScheduled)
        {
            _releaseScheduled = true;
            _ = ReleaseLaterAsync();
        }
    }

    private async Task ReleaseLaterAsync()
    {
        await Task.Delay(HoldLimit + TimeSpan.FromMilliseconds(50), clock);
        lock (_gate)
        {
            _releaseScheduled = false;
            Release();
            ScheduleRelease();
        }
    }
}
