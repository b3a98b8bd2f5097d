using Coco.Connectors.Querying;

namespace Coco.Connectors.Changes;

/// <summary>
/// Which connectors one filter matches, kept once for every <c>onConnectorChanged(where:)</c> subscription with that
/// filter (reference-counted by <see cref="ConnectorEventDispatcher"/>), for the changes that arrive without the state
/// they replaced. It starts from the store's answer, read after the tracker is in place (changes meanwhile wait), and
/// the dispatcher advances it once per change, before offering the change to anyone, so every subscriber of the filter
/// reads the same decision. When its matches do not fit the server's allowance it keeps no set, and a change without
/// its prior state is then told to its subscribers whether or not the connector matched before.
/// </summary>
internal sealed class MatchTracker
{
    private readonly ConnectorFilter _filter;
    private readonly TrackedIdAllowance _allowance;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _unsure = [];
    private HashSet<string>? _matching;
    private List<ChangeDelivery>? _pending = [];
    private DateTime _snapshotTime = DateTime.MaxValue;
    private bool _released;

    public MatchTracker(string key, ConnectorFilter filter, TrackedIdAllowance allowance)
    {
        Key = key;
        _filter = filter;
        _allowance = allowance;
    }

    public string Key { get; }

    /// <summary>Subscriptions sharing this tracker; changed only under the dispatcher's tracker lock.</summary>
    public int References { get; set; }

    /// <summary>Completes once the snapshot is read and the changes that waited for it are decided.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>Whether it keeps the set (false while loading and when over the allowance).</summary>
    public bool Tracking
    {
        get
        {
            lock (_gate)
            {
                return _matching is not null;
            }
        }
    }

    public async Task LoadAsync(ConnectorReader reader)
    {
        MatchingSnapshot snapshot;
        int limit;
        try
        {
            // One more than the allowance has room for tells "does not fit" without reading every match.
            limit = (int)Math.Min(int.MaxValue, Math.Max(0, _allowance.Room) + 1);
            snapshot = await reader.MatchingSnapshotAsync(new ConnectorQuery(_filter.Predicate, []), limit, _stopping.Token);
        }
        catch (Exception e)
        {
            _loaded.TrySetException(e);
            return;
        }

        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            _snapshotTime = snapshot.LatestUpdate;
            // A snapshot cut at its limit is incomplete, and is never kept even if room was freed meanwhile.
            if (snapshot.Ids.Count < limit && _allowance.TryTake(snapshot.Ids.Count))
            {
                _matching = snapshot.Ids;
            }

            foreach (var delivery in _pending!)
            {
                Decide(delivery);
            }

            _pending = null;
        }

        _loaded.TrySetResult();
    }

    /// <summary>Called by the dispatcher for each change, in feed order, before any subscriber sees it.</summary>
    public void Advance(ChangeDelivery delivery)
    {
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            if (_pending is not null)
            {
                _pending.Add(delivery);
                return;
            }

            Decide(delivery);
        }
    }

    /// <summary>The last subscription left: the set is forgotten and its ids go back to the allowance.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _released = true;
            _allowance.Return((_matching?.Count ?? 0) + _unsure.Count);
            _matching = null;
            _unsure.Clear();
            _pending = null;
        }

        _stopping.Cancel();
        _loaded.TrySetCanceled();
    }

    // Under the gate.
    private void Decide(ChangeDelivery delivery)
    {
        var id = delivery.Change.Id;
        var now = delivery.Connector is { } connector && _filter.Matches(connector);
        var inSet = false;
        if (_matching is not null)
        {
            inSet = now ? !Add(_matching, id) : Remove(_matching, id);
        }

        bool? before = delivery.Change.Prior is { } prior ? prior.Matched(_filter) : _matching is null ? null : inSet;

        // A change the snapshot may already show (committed before it, its event arriving after): whether the
        // connector matched before it is unknown, so the first such event of a connector outside the snapshot says
        // "does not match" rather than risk leaving a stale entry in a live list. A deletion is the connector's last
        // change, so it is reported without being remembered, and forgets what was remembered of it: the set of
        // unsure ids stays within the connectors that exist.
        var deleted = delivery.Change.Kind == ConnectorChangeKind.Deleted;
        if (before == false && !now && delivery.Change.Prior is null && MayPrecede(delivery) && (deleted || Add(_unsure, id)))
        {
            before = null;
        }

        if (deleted)
        {
            Remove(_unsure, id);
        }

        delivery.Decided(this, before is null || before.Value || now ? delivery.Changed(now) : null);
    }

    private bool Add(HashSet<string> set, string id)
    {
        if (!set.Add(id))
        {
            return false;
        }

        _allowance.Count(1);
        return true;
    }

    private bool Remove(HashSet<string> set, string id)
    {
        if (!set.Remove(id))
        {
            return false;
        }

        _allowance.Count(-1);
        return true;
    }

    // Updated times only grow per connector, and every change committed before the snapshot is at or before its latest
    // update; a deletion carries no time, so it may always precede.
    private bool MayPrecede(ChangeDelivery delivery) =>
        delivery.Connector is not { } connector || connector.Updated <= _snapshotTime;
}
