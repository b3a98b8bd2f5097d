using System.Diagnostics;

namespace Coco.Connectors.Observability;

/// <summary>
/// The names under which the server publishes its own telemetry: one <see cref="System.Diagnostics.Metrics.Meter"/>
/// (see <see cref="CocoMetrics"/>) and one <see cref="ActivitySource"/>, both called <see cref="Name"/>. An exporter
/// that listens for this name gets the GraphQL operation spans, the change delivery spans and every instrument.
/// </summary>
public static class CocoTelemetry
{
    public const string Name = "Coco.Connectors";

    /// <summary>Spans of GraphQL operations and of change deliveries; starting one costs nothing while nobody listens.</summary>
    public static readonly ActivitySource Source = new(Name);
}
