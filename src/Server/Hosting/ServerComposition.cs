using Coco.Connectors.GraphQLApi;
using Coco.Connectors.GraphQLApi.Scalars;
using Coco.Connectors.Server.Auth;
using Coco.Connectors.Server.Hosting.Shutdown;
using Coco.Connectors.Server.Observability;
using Coco.Connectors.Server.Playground;
using Coco.Connectors.Server.RateLimits;
using Coco.Connectors.Server.Rest;
using Coco.Connectors.Server.Rest.OpenApi;
using Coco.Connectors.Server.Transport;
using Microsoft.Extensions.Logging.Console;

namespace Coco.Connectors.Server.Hosting;

/// <summary>Everything the host adds on top of the connector domain: transports, routes, error handling.</summary>
public static class ServerComposition
{
    /// <summary>Where GraphQL is served (HTTP, WebSocket and SSE); errors there are always GraphQL-shaped.</summary>
    public const string GraphQLPath = "/graphql";

    public static IServiceCollection AddServerServices(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddLineSafeConsoleLog();
        services.AddExceptionHandler<UnexpectedErrors>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JsonText.Encoder);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = RequestBody.HardCapBytes;
            kestrel.Limits.MaxRequestLineSize = UrlLength.KestrelCapBytes;
        });
        services.AddConnectorGraphQL();
        services.AddGraphQLTransport();
        services.AddPlayground();
        services.AddServerAuth();
        services.AddRestOpenApi();
        services.AddConnectorRateLimits();
        services.AddGracefulShutdown();
        return services;
    }

    /// <summary>The console log escapes control characters (see <see cref="LineSafeConsoleFormatter"/>) unless configured otherwise.</summary>
    private static void AddLineSafeConsoleLog(this IServiceCollection services)
    {
        services.AddLogging(logging => logging.AddConsoleFormatter<LineSafeConsoleFormatter, SimpleConsoleFormatterOptions>());
        services.Configure<ConsoleLoggerOptions>(console => console.FormatterName ??= LineSafeConsoleFormatter.FormatterName);

        // Logging:Console:FormatterName=json: the built-in JSON formatter escapes every control character, so it keeps
        // the line-safe guarantee (one entry, one line) as long as it does not indent.
        services.PostConfigure<JsonConsoleFormatterOptions>(json => json.JsonWriterOptions = json.JsonWriterOptions with { Indented = false });
    }

    public static WebApplication MapServerEndpoints(this WebApplication app)
    {
        // Before routing, so that even a routing failure is answered with the generic error body.
        app.UseExceptionHandler();
        app.UseUrlLengthLimit(GraphQLPath);
        // Who may call, before any stream or endpoint: protected mode, CORS preflights, API tokens.
        app.UseServerAuth();
        // Per token and per client address, once the caller is known and before any stream or endpoint.
        app.UseConnectorRateLimits();
        // GraphQL over HTTP, WebSocket and SSE: the streams are taken here, before routing; plain HTTP is an endpoint.
        app.MapGraphQLTransport(GraphQLPath);
        app.UseRouting();
        app.MapHealthApi();
        app.MapTelemetryEndpoints();
        app.MapConnectorApi();
        app.MapRestOpenApi();
        app.MapPlayground(GraphQLPath);
        return app;
    }
}
