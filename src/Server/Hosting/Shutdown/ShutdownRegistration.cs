using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coco.Connectors.Server.Hosting.Shutdown;

/// <summary>Wiring of the graceful shutdown: options, the drain signal, and the host's shutdown timeout.</summary>
public static class ShutdownRegistration
{
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<ShutdownOptions>()
            .BindConfiguration(ShutdownOptions.SectionName)
            .Validate(o => o.ReadinessDelay >= TimeSpan.Zero && o.DrainTimeout > TimeSpan.Zero,
                "Shutdown:ReadinessDelay must not be negative and Shutdown:DrainTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<DrainSignal>();
        services.AddHostedService<GracefulShutdown>();

        // The host gives stopping as a whole this long: the readiness delay, then the web server's drain.
        services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<ShutdownOptions>>(
            (host, shutdown) => host.ShutdownTimeout = shutdown.Value.ReadinessDelay + shutdown.Value.DrainTimeout);
        return services;
    }
}
