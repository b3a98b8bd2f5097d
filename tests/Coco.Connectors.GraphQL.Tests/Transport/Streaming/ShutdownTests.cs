using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>Stopping the server closes open sockets and streams instead of waiting for their clients.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_server_closes_open_sockets_with_1001_and_ends_sse_streams_with_the_reason()
    {
        var server = new StreamingServer();
        try
        {
            var topic = Guid.NewGuid().ToString("N");
            await using var socket = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
            await socket.SubscribeAsync("s", "subscription($topic: String!) { messages(topic: $topic) { seq } }", new { topic });
            using var http = server.CreateHttpClient();
            using var stream = await SseTestStream.OpenAsync(http, SseTestStream.Post("subscription($topic: String!) { messages(topic: $topic) { seq } }", new { topic }));
            var hub = server.Hub;
            await Eventually.TrueAsync(() => hub.SubscriberCount(topic) == 2, "both subscriptions are attached");

            var stopping = Task.Run(server.Dispose);

            Assert.Equal((1001, "Going Away: the server is shutting down."), await socket.ReceiveCloseAsync());
            var reason = await stream.ReadAsync();
            Assert.Equal("SHUTTING_DOWN", reason!.Json().GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal("complete", (await stream.ReadAsync())!.Name);
            Assert.Null(await stream.ReadAsync());
            await stopping.WaitAsync(Patience.Limit);
            Assert.Equal(0, hub.SubscriberCount(topic));
        }
        finally
        {
            server.Dispose();
        }
    }
}
