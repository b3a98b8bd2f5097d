using Coco.Connectors.Server.Transport.Sse;
using Coco.Connectors.Server.Transport.Streaming;
using Coco.Connectors.Server.Transport.WebSockets;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport;

/// <summary>Wiring of the streaming transports: GraphQL over WebSocket (both subprotocols) and over SSE.</summary>
public static class GraphQLStreamingExtensions
{
    /// <summary>
    /// Registers the streaming transports and binds <see cref="GraphQLStreamingOptions"/> from <c>GraphQL:Streaming</c>.
    /// The GraphQL engine itself (<c>ISchema</c>, <c>IDocumentExecuter&lt;ISchema&gt;</c>, <c>IGraphQLTextSerializer</c>)
    /// comes from <c>AddGraphQL(...)</c>.
    /// </summary>
    public static IServiceCollection AddGraphQLStreaming(this IServiceCollection services)
    {
        services.AddOptions<GraphQLStreamingOptions>()
            .BindConfiguration(GraphQLStreamingOptions.SectionName)
            .Validate(o => o.QueueSize > 0 && o.MaxMessageSize > 0 && o.MaxOperationsPerConnection > 0,
                "GraphQL:Streaming QueueSize, MaxMessageSize and MaxOperationsPerConnection must be positive.")
            .Validate(o => o.KeepAliveInterval > TimeSpan.Zero && o.ConnectionInitTimeout > TimeSpan.Zero,
                "GraphQL:Streaming KeepAliveInterval and ConnectionInitTimeout must be positive.")
            .Validate(o => o.MaxQueuedBytesPerSubscription > 0 && o.MaxQueuedBytesPerConnection > 0 && o.MaxQueuedBytes > 0,
                "GraphQL:Streaming MaxQueuedBytesPerSubscription, MaxQueuedBytesPerConnection and MaxQueuedBytes must be positive.")
            .Validate(o => o.MaxWebSocketsPerClient > 0 && o.MaxWebSockets > 0 && o.MaxSseStreamsPerClient > 0 && o.MaxSseStreams > 0
                    && o.MaxSubscriptionsPerClient > 0 && o.MaxSubscriptions > 0 && o.MaxSelectionsPerClient > 0 && o.MaxSelections > 0,
                "GraphQL:Streaming connection, stream and subscription caps must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<StreamingAdmission>();
        services.TryAddSingleton<SelectionAdmission>();
        services.TryAddSingleton<EventFanOutBudget>();
        services.TryAddSingleton<OperationStreamer>();

        // Subscription events are resolved and serialized once per selection and shared by its subscribers.
        services.TryAddSingleton<SharedEventStrategy>();
        services.AddSingleton(sp => new ExecutionStrategyRegistration(sp.GetRequiredService<SharedEventStrategy>(), OperationType.Subscription));
        services.TryAddSingleton<GraphQLWebSocketHandler>();
        services.TryAddSingleton<GraphQLSseHandler>();
        return services;
    }

    /// <summary>
    /// No WebSocket-level pings: both subprotocols send their own keep-alive messages (ping / ka) on the same interval,
    /// and a second timer per socket would only cost memory on thousands of idle connections.
    /// </summary>
    public static WebSocketOptions WebSocketOptions { get; } = new() { KeepAliveInterval = TimeSpan.Zero };

    /// <summary>
    /// Serves WebSocket upgrades and <c>Accept: text/event-stream</c> requests on <paramref name="path"/>;
    /// every other request goes on to the next middleware (the plain HTTP GraphQL endpoint).
    /// Call it before the endpoints are mapped.
    /// </summary>
    public static IApplicationBuilder UseGraphQLStreaming(this IApplicationBuilder app, PathString path)
    {
        app.UseWebSockets(WebSocketOptions);
        return app.UseMiddleware<GraphQLStreamingMiddleware>(path);
    }
}
