using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>The real server with small caps on sockets, SSE streams and subscriptions, per client and in total.</summary>
public sealed class CappedCocoServer : CocoServer
{
    public const int SocketsPerClient = 2, Sockets = 3;
    public const int StreamsPerClient = 2, Streams = 3;
    public const int SubscriptionsPerClient = 3, Subscriptions = 4;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Streaming:MaxWebSocketsPerClient", $"{SocketsPerClient}");
        builder.UseSetting("GraphQL:Streaming:MaxWebSockets", $"{Sockets}");
        builder.UseSetting("GraphQL:Streaming:MaxSseStreamsPerClient", $"{StreamsPerClient}");
        builder.UseSetting("GraphQL:Streaming:MaxSseStreams", $"{Streams}");
        builder.UseSetting("GraphQL:Streaming:MaxSubscriptionsPerClient", $"{SubscriptionsPerClient}");
        builder.UseSetting("GraphQL:Streaming:MaxSubscriptions", $"{Subscriptions}");
    }
}
