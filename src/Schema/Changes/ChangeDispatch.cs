using System.Diagnostics;
using Coco.Connectors.Observability;

namespace Coco.Connectors.Changes;

/// <summary>
/// One change on its way to subscribers: counts the events of it that transports have queued and not yet written,
/// and once the dispatcher has offered it to everyone and the last of them is written (or dropped), records the time
/// since its commit (<c>coco.subscriptions.dispatch.duration</c>) and ends its delivery span. Each step is a counter
/// update, so thousands of subscribers share it without a lock.
/// </summary>
public sealed class ChangeDispatch
{
    private readonly ConnectorChange _change;
    private readonly CocoMetrics _metrics;
    private readonly Activity? _span;
    private readonly long _since;
    private int _pending;
    private int _queued;
    private int _offered;
    private int _finished;

    internal ChangeDispatch(ConnectorChange change, CocoMetrics metrics, Activity? span, long since)
    {
        _change = change;
        _metrics = metrics;
        _span = span;
        _since = since;
    }

    /// <summary>A transport queued one subscriber's event of this change.</summary>
    public void Queued()
    {
        Interlocked.Increment(ref _queued);
        Interlocked.Increment(ref _pending);
    }

    /// <summary>A queued event was written to its client (or dropped with its subscription).</summary>
    public void Written()
    {
        if (Interlocked.Decrement(ref _pending) == 0 && Volatile.Read(ref _offered) == 1)
        {
            Finish();
        }
    }

    /// <summary>The dispatcher has handed the change to every subscriber.</summary>
    internal void Offered()
    {
        Volatile.Write(ref _offered, 1);
        if (Volatile.Read(ref _pending) == 0)
        {
            Finish();
        }
    }

    private void Finish()
    {
        if (Interlocked.Exchange(ref _finished, 1) == 1)
        {
            return;
        }

        var delivered = Volatile.Read(ref _queued);
        if (delivered > 0)
        {
            _metrics.DispatchCompleted(Stopwatch.GetElapsedTime(_since), Kind(_change.Kind));
        }

        if (_span is not null)
        {
            _span.SetTag("coco.subscribers.delivered", delivered);
            _span.Stop();
        }
    }

    internal static string Kind(ConnectorChangeKind kind) => kind switch
    {
        ConnectorChangeKind.Created => "created",
        ConnectorChangeKind.Updated => "updated",
        _ => "deleted",
    };
}
