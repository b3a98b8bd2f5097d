namespace Coco.Connectors.Server.Observability;

/// <summary>What the server exports about itself, bound from <c>Telemetry</c>; docs/operations.md has the names.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Collects metrics (and traces, see <see cref="Tracing"/>) at all. Off: no OpenTelemetry SDK is started.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where Prometheus scrapes the metrics, on the API's own port; empty turns the endpoint off (OTLP export still
    /// works). Until the API has authentication, keep this port private or put the path behind the proxy's auth.
    /// </summary>
    public string? MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// Records spans. Unset: only when an OTLP endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), since
    /// spans nobody exports are pure cost.
    /// </summary>
    public bool? Tracing { get; set; }
}
