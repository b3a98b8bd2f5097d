using Coco.Connectors.Domain;

namespace Coco.Connectors.Changes;

/// <summary>
/// What a connector was before a change, as the writer read it: <see cref="Connector"/> is null when the change created
/// it. Never serialized and never shown to a subscriber; it only decides whether the connector matched a filter before.
/// </summary>
public sealed record PriorState(Connector? Connector)
{
    /// <summary>The connector did not exist before the change.</summary>
    public static PriorState Absent { get; } = new((Connector?)null);

    /// <summary>Whether the connector matched <paramref name="filter"/> before the change.</summary>
    public bool Matched(Querying.ConnectorFilter filter) => Connector is { } before && filter.Matches(before);
}
