using Coco.Connectors.Observability;
using Coco.Connectors.Server.Auth;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Coco.Connectors.Server.Observability;

/// <summary>
/// OpenTelemetry for the server: our own meter and spans (<see cref="CocoTelemetry"/>, database commands included),
/// ASP.NET Core (HTTP requests by route and status, Kestrel connections), EF Core's meter and the .NET runtime; Prometheus text at
/// <see cref="TelemetryOptions.MetricsPath"/>, and OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// The providers flush their exporters when the host is disposed, at the end of shutdown.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>The standard variable (or setting) that turns on OTLP export for every signal.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddServerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!string.IsNullOrEmpty(options.MetricsPath) && !options.MetricsPath.StartsWith('/'))
        {
            throw new InvalidOperationException($"Telemetry:MetricsPath must start with '/' (or be empty to turn /metrics off); it is '{options.MetricsPath}'.");
        }

        services.AddSingleton(options);
        services.AddSingleton<OperationNameLabels>();
        services.AddSingleton<GraphQLOperationTelemetry>();
        if (!options.Enabled)
        {
            return services;
        }

        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "coco-connectors-graphql"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CocoTelemetry.Name, "Microsoft.EntityFrameworkCore")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (!string.IsNullOrEmpty(options.MetricsPath))
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (options.Tracing ?? otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(CocoTelemetry.Name)
                // Probes and scrapes every few seconds would drown the requests worth reading.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperationsPath(context.Request.Path, options)));
            // Database command spans come from our own source too (StoreCommandSpan, under recorded spans only): the
            // EF Core instrumentation would listen to every EF Core diagnostic event of every request, sampled or not.
        }

        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>Serves the Prometheus scrape endpoint when metrics and the path are configured.</summary>
    public static IEndpointRouteBuilder MapTelemetryEndpoints(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<TelemetryOptions>();
        if (options.Enabled && !string.IsNullOrEmpty(options.MetricsPath))
        {
            // Behind the API's own access rules: any token, or this machine while the server is in protected mode.
            app.MapPrometheusScrapingEndpoint(options.MetricsPath).RequireCaller();
        }

        return app;
    }

    private static bool IsOperationsPath(PathString path, TelemetryOptions options) =>
        path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
        || (!string.IsNullOrEmpty(options.MetricsPath) && path.StartsWithSegments(options.MetricsPath, StringComparison.OrdinalIgnoreCase));
}
