using Coco.Connectors.Server.Rest;
using Coco.Connectors.Server.Transport;

namespace Coco.Connectors.Server.Hosting;

/// <summary>Everything the host adds on top of the connector domain: transports, routes, error handling.</summary>
public static class ServerComposition
{
    public static IServiceCollection AddServerServices(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddGraphQLStreaming();
        return services;
    }

    public static WebApplication MapServerEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseGraphQLStreaming("/graphql");
        app.MapHealthApi();
        app.MapConnectorApi();
        return app;
    }
}
