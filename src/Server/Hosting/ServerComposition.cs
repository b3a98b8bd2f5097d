using Coco.Connectors.Server.Rest;

namespace Coco.Connectors.Server.Hosting;

/// <summary>Everything the host adds on top of the connector domain: transports, routes, error handling.</summary>
public static class ServerComposition
{
    public static IServiceCollection AddServerServices(this IServiceCollection services)
    {
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication MapServerEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.MapHealthApi();
        app.MapConnectorApi();
        return app;
    }
}
