using Coco.Connectors.Domain;

namespace Coco.Connectors.Changes;

/// <summary>One change as every subscriber receives it: the same objects for all of them.</summary>
internal sealed class ChangeDelivery(ConnectorChange change, Connector? connector, ChangeDispatch dispatch)
{
    private ConnectorChangedEvent? _matching;
    private ConnectorChangedEvent? _notMatching;
    private readonly Lock _gate = new();
    private Dictionary<MatchTracker, ConnectorChangedEvent?>? _decisions;

    public ConnectorChange Change => change;

    public Connector? Connector => connector;

    public ChangeDispatch Dispatch => dispatch;

    // Two threads may race here (the dispatcher, and a subscriber releasing the events it held while preparing);
    // then both get an equal event and only the sharing of its serialization is lost.
    public ConnectorChangedEvent Changed(bool matches) => matches
        ? _matching ??= new ConnectorChangedEvent(change, connector, true)
        : _notMatching ??= new ConnectorChangedEvent(change, connector, false);

    /// <summary>A tracker's decision for this change: the event its subscribers get, or null for none.</summary>
    public void Decided(MatchTracker tracker, ConnectorChangedEvent? delivered)
    {
        lock (_gate)
        {
            (_decisions ??= [])[tracker] = delivered;
        }
    }

    /// <summary>
    /// The tracker's decision, or false when the tracker began after the dispatcher had taken this change: its
    /// snapshot was read after the change committed, so the change is already part of it.
    /// </summary>
    public bool TryGetDecision(MatchTracker tracker, out ConnectorChangedEvent? delivered)
    {
        lock (_gate)
        {
            delivered = null;
            return _decisions is not null && _decisions.TryGetValue(tracker, out delivered);
        }
    }
}
