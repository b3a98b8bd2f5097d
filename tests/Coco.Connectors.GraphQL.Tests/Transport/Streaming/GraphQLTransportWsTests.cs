using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>The graphql-transport-ws subprotocol, message by message, over a real socket.</summary>
[Collection(StreamingCollection.Name)]
public sealed class GraphQLTransportWsTests(StreamingServer server)
{
    private const string MessagesQuery = "subscription($topic: String!) { messages(topic: $topic) { topic text seq } }";

    [Fact]
    public async Task Graphql_transport_ws_is_preferred_when_both_subprotocols_are_offered()
    {
        await using var client = await ConnectAsync(server.GraphQLWebSocketUri, ApolloWs, TransportWs);
        Assert.Equal(TransportWs, client.Socket.SubProtocol);
    }

    [Fact]
    public async Task Query_over_the_socket_answers_next_then_complete()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("q1", "query($name: String) { hello(name: $name) }", new { name = "socket" });

        var next = await client.ReceiveAsync("next");
        Assert.Equal("q1", Id(next));
        Assert.Equal("Hello, socket!", next.GetProperty("payload").GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal("q1", Id(await client.ReceiveAsync("complete")));
    }

    [Fact]
    public async Task Connection_init_payload_reaches_resolvers_as_connection_params()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, payload: new { user = "ada" });
        await client.SubscribeAsync("q", "{ connectionParam(name: \"user\") }");

        var next = await client.ReceiveAsync("next");
        Assert.Equal("ada", next.GetProperty("payload").GetProperty("data").GetProperty("connectionParam").GetString());
    }

    [Fact]
    public async Task Subscription_delivers_published_events_and_a_mutation_over_the_socket_triggers_them()
    {
        var topic = NewTopic();
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("sub", MessagesQuery, new { topic });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 1, "the subscription is attached");

        await client.SubscribeAsync("mut", "mutation($topic: String!) { publish(topic: $topic, text: \"hi\", count: 2) }", new { topic });

        var byId = new Dictionary<string, List<JsonElement>>();
        while (byId.GetValueOrDefault("sub")?.Count != 2 || !byId.ContainsKey("mut-complete"))
        {
            var message = await client.ReceiveAsync();
            var key = Type(message) == "complete" ? $"{Id(message)}-complete" : Id(message)!;
            byId.TryAdd(key, []);
            byId[key].Add(message);
        }

        Assert.Equal(1, byId["mut"].Single().GetProperty("payload").GetProperty("data").GetProperty("publish").GetInt32());
        var seqs = byId["sub"].Select(m => m.GetProperty("payload").GetProperty("data").GetProperty("messages").GetProperty("seq").GetInt32());
        Assert.Equal([1, 2], seqs);
        Assert.All(byId["sub"], m => Assert.Equal("next", Type(m)));
    }

    [Fact]
    public async Task Client_complete_stops_the_subscription_silently_and_releases_it()
    {
        var topic = NewTopic();
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("sub", MessagesQuery, new { topic });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 1, "the subscription is attached");

        await client.SendAsync(new { type = "complete", id = "sub" });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 0, "the subscription is released");

        // Nothing more for "sub": the next message after a ping is its pong.
        server.Hub.Publish(topic, "too late");
        await client.SendAsync(new { type = "ping", payload = new { marker = 7 } });
        var pong = await client.ReceiveAsync("pong");
        Assert.Equal(7, pong.GetProperty("payload").GetProperty("marker").GetInt32());

        // The id is free again.
        await client.SubscribeAsync("sub", "{ hello }");
        Assert.Equal("sub", Id(await client.ReceiveAsync("next")));
    }

    [Fact]
    public async Task Finite_stream_ends_with_complete()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("t", "subscription { ticks(count: 3) }");

        var values = new List<int>();
        JsonElement message;
        while (Type(message = await client.ReceiveAsync()) == "next")
        {
            values.Add(message.GetProperty("payload").GetProperty("data").GetProperty("ticks").GetInt32());
        }

        Assert.Equal("complete", Type(message));
        Assert.Equal([1, 2, 3], values);
    }

    [Fact]
    public async Task Stream_failure_is_sent_as_next_with_errors_then_complete()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("f", "subscription { failing }");

        Assert.Equal(1, (await client.ReceiveAsync("next")).GetProperty("payload").GetProperty("data").GetProperty("failing").GetInt32());
        var failure = await client.ReceiveAsync("next");
        Assert.Contains("ticker broke", failure.GetProperty("payload").GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("f", Id(await client.ReceiveAsync("complete")));
    }

    [Fact]
    public async Task Stream_resolver_failure_is_sent_as_next_with_errors_then_complete()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("b", "subscription { broken }");

        var next = await client.ReceiveAsync("next");
        Assert.True(next.GetProperty("payload").GetProperty("errors").GetArrayLength() > 0);
        Assert.Equal("b", Id(await client.ReceiveAsync("complete")));
    }

    [Fact]
    public async Task Validation_failure_is_sent_as_error_with_the_errors_array_and_no_complete()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("v", "subscription { nope }");

        var error = await client.ReceiveAsync("error");
        Assert.Equal("v", Id(error));
        var errors = error.GetProperty("payload");
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        Assert.Contains("nope", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        await client.SendAsync(new { type = "ping" });
        await client.ReceiveAsync("pong");
    }

    [Fact]
    public async Task Many_subscriptions_share_one_socket_and_all_are_released_on_complete()
    {
        var topics = Enumerable.Range(0, 10).Select(_ => NewTopic()).ToList();
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        foreach (var (topic, i) in topics.Select((t, i) => (t, i)))
        {
            await client.SubscribeAsync($"s{i}", MessagesQuery, new { topic });
        }

        await Eventually.TrueAsync(() => topics.All(t => server.Hub.SubscriberCount(t) == 1), "all subscriptions are attached");
        foreach (var topic in topics)
        {
            server.Hub.Publish(topic, topic);
        }

        var received = new HashSet<string>();
        while (received.Count < topics.Count)
        {
            var next = await client.ReceiveAsync("next");
            var message = next.GetProperty("payload").GetProperty("data").GetProperty("messages");
            Assert.Equal($"s{topics.IndexOf(message.GetProperty("topic").GetString()!)}", Id(next));
            received.Add(Id(next)!);
        }

        for (var i = 0; i < topics.Count; i++)
        {
            await client.SendAsync(new { type = "complete", id = $"s{i}" });
        }

        await Eventually.TrueAsync(() => topics.All(t => server.Hub.SubscriberCount(t) == 0), "all subscriptions are released");
    }

    [Fact]
    public async Task Operations_beyond_the_per_connection_limit_get_an_error()
    {
        var topic = NewTopic();
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        for (var i = 0; i < StreamingServer.MaxOperations; i++)
        {
            await client.SubscribeAsync($"s{i}", MessagesQuery, new { topic });
        }

        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == StreamingServer.MaxOperations, "all subscriptions are attached");
        await client.SubscribeAsync("one-too-many", MessagesQuery, new { topic });

        var error = await client.ReceiveAsync("error");
        Assert.Equal("one-too-many", Id(error));
        Assert.Equal("TOO_MANY_OPERATIONS", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());

        await client.SendAsync(new { type = "complete", id = "s0" });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == StreamingServer.MaxOperations - 1, "one subscription is released");
        await client.SubscribeAsync("q", "{ hello }");
        Assert.Equal("q", Id(await client.ReceiveAsync("next")));
    }

    [Fact]
    public async Task Client_ping_is_answered_with_pong_even_before_init()
    {
        await using var client = await ConnectAsync(server.GraphQLWebSocketUri);
        await client.SendAsync(new { type = "ping", payload = new { at = "start" } });

        var pong = await client.ReceiveAsync("pong");
        Assert.Equal("start", pong.GetProperty("payload").GetProperty("at").GetString());
    }

    [Fact]
    public async Task Server_sends_ping_keep_alives_after_the_ack()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);

        var ping = await client.ReceiveAsync("ping");
        Assert.False(ping.TryGetProperty("id", out _));
        await client.SendAsync(new { type = "pong" });
        await client.ReceiveAsync("ping");
    }

    [Fact]
    public async Task Closing_the_socket_releases_every_subscription()
    {
        var topic = NewTopic();
        var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("a", MessagesQuery, new { topic });
        await client.SubscribeAsync("b", MessagesQuery, new { topic });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 2, "both subscriptions are attached");

        await client.CloseAsync();
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
        await client.DisposeAsync();

        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 0, "the closed socket's subscriptions are released");
    }

    [Fact]
    public async Task Aborting_the_connection_releases_every_subscription()
    {
        var topic = NewTopic();
        var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("a", MessagesQuery, new { topic });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 1, "the subscription is attached");

        client.Socket.Abort();
        await client.DisposeAsync();

        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 0, "the aborted socket's subscription is released");
    }

    private static string NewTopic() => Guid.NewGuid().ToString("N");
}
