using System.Globalization;
using Coco.Connectors.GraphQLApi;
using Coco.Connectors.GraphQLApi.Limits;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.Http;

public static class GraphQLHttpEndpoint
{
    /// <summary>Services of the GraphQL HTTP transport; options from the <c>GraphQL:Http</c> section.</summary>
    public static IServiceCollection AddGraphQLHttp(this IServiceCollection services)
    {
        services.AddOptions<GraphQLHttpOptions>().BindConfiguration(GraphQLHttpOptions.Section);
        services.AddSingleton<GraphQLHttpRequestReader>();
        services.AddSingleton<GraphQLHttpHandler>();
        return services;
    }

    /// <summary>
    /// GraphQL over HTTP at <paramref name="pattern"/>: POST and GET operations, <c>?sdl</c>, and a page for browsers.
    /// One endpoint for every method, so the handler answers 405 itself (and the WebSocket/SSE middleware that
    /// runs before it keeps the same path).
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder app, string pattern = "/graphql")
    {
        var handler = app.ServiceProvider.GetRequiredService<GraphQLHttpHandler>();
        return app.Map(pattern, handler.HandleAsync).WithDisplayName("GraphQL over HTTP");
    }
}
