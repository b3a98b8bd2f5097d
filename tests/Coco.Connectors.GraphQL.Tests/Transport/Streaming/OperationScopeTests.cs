using Coco.Connectors.Tests.Infrastructure;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>
/// Every operation runs in a DI scope that lives as long as the operation: later subscription events still
/// resolve scoped services, and the scope is disposed when the operation ends.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class OperationScopeTests(StreamingServer server)
{
    private const string ScopedMessages = "subscription($topic: String!) { messages(topic: $topic) { seq scopeId } }";

    [Theory]
    [InlineData(TransportWs, "next")]
    [InlineData(ApolloWs, "data")]
    public async Task A_websocket_subscription_keeps_one_scope_for_all_its_events_and_disposes_it_at_the_end(string subProtocol, string dataType)
    {
        var topic = Guid.NewGuid().ToString("N");
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, subProtocol);
        await client.SubscribeAsync("s", ScopedMessages, new { topic });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 1, "the subscription is attached");

        server.Hub.Publish(topic, "a", count: 2);
        var first = ScopeId(await client.ReceiveAsync(dataType));
        var second = ScopeId(await client.ReceiveAsync(dataType));
        Assert.Equal(first, second);
        Assert.True(server.Scopes.IsLive(first));

        await client.SendAsync(new { type = subProtocol == ApolloWs ? "stop" : "complete", id = "s" });
        await Eventually.TrueAsync(() => !server.Scopes.IsLive(first), "the operation's scope is disposed");
    }

    [Fact]
    public async Task Each_websocket_operation_gets_its_own_scope()
    {
        var topic = Guid.NewGuid().ToString("N");
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("a", ScopedMessages, new { topic });
        await client.SubscribeAsync("b", ScopedMessages, new { topic });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 2, "both subscriptions are attached");

        server.Hub.Publish(topic, "x");
        var first = await client.ReceiveAsync("next");
        var second = await client.ReceiveAsync("next");

        Assert.NotEqual(Id(first), Id(second));
        Assert.NotEqual(ScopeId(first), ScopeId(second));
    }

    [Fact]
    public async Task Closing_the_socket_disposes_the_scopes_of_its_operations()
    {
        var topic = Guid.NewGuid().ToString("N");
        var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("s", ScopedMessages, new { topic });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 1, "the subscription is attached");
        server.Hub.Publish(topic, "a");
        var scope = ScopeId(await client.ReceiveAsync("next"));

        await client.DisposeAsync();

        await Eventually.TrueAsync(() => !server.Scopes.IsLive(scope), "the closed socket's operation scope is disposed");
    }

    [Fact]
    public async Task An_sse_subscription_resolves_every_event_in_the_live_request_scope()
    {
        var topic = Guid.NewGuid().ToString("N");
        using var client = server.CreateHttpClient();
        var stream = await SseTestStream.OpenAsync(client, SseTestStream.Post(ScopedMessages, new { topic }));
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 1, "the subscription is attached");

        server.Hub.Publish(topic, "a", count: 2);
        var first = (await stream.ReadAsync("next")).Json().GetProperty("data").GetProperty("messages").GetProperty("scopeId").GetString()!;
        var second = (await stream.ReadAsync("next")).Json().GetProperty("data").GetProperty("messages").GetProperty("scopeId").GetString()!;
        Assert.Equal(first, second);

        stream.Dispose();
        await Eventually.TrueAsync(() => !server.Scopes.IsLive(first), "the request scope is disposed after the client left");
    }

    private static string ScopeId(System.Text.Json.JsonElement message) =>
        message.GetProperty("payload").GetProperty("data").GetProperty("messages").GetProperty("scopeId").GetString()!;
}
