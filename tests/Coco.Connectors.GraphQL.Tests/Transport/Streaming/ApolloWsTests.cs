using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>The legacy graphql-ws subprotocol (Apollo subscriptions-transport-ws), message by message.</summary>
[Collection(StreamingCollection.Name)]
public sealed class ApolloWsTests(StreamingServer server)
{
    private const string MessagesQuery = "subscription($topic: String!) { messages(topic: $topic) { topic text seq } }";

    [Fact]
    public async Task Connection_init_is_answered_with_ack_then_an_immediate_keep_alive_and_more_later()
    {
        await using var client = await ConnectAsync(server.GraphQLWebSocketUri, ApolloWs);
        Assert.Equal(ApolloWs, client.Socket.SubProtocol);
        await client.SendAsync(new { type = "connection_init", payload = new { } });

        await client.ReceiveAsync("connection_ack");
        await client.ReceiveAsync("ka");
        await client.ReceiveAsync("ka");
    }

    [Fact]
    public async Task Query_is_answered_with_data_then_complete()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SubscribeAsync("1", "{ hello(name: \"apollo\") }");

        var data = await client.ReceiveAsync("data");
        Assert.Equal("1", Id(data));
        Assert.Equal("Hello, apollo!", data.GetProperty("payload").GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal("1", Id(await client.ReceiveAsync("complete")));
    }

    [Fact]
    public async Task Connection_params_reach_resolvers()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs, new { authToken = "t0k3n" });
        await client.SubscribeAsync("1", "{ connectionParam(name: \"authToken\") }");

        var data = await client.ReceiveAsync("data");
        Assert.Equal("t0k3n", data.GetProperty("payload").GetProperty("data").GetProperty("connectionParam").GetString());
    }

    [Fact]
    public async Task Subscription_streams_data_and_stop_answers_complete_and_releases_it()
    {
        var topic = Guid.NewGuid().ToString("N");
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SubscribeAsync("s", MessagesQuery, new { topic });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 1, "the subscription is attached");

        server.Hub.Publish(topic, "legacy", count: 2);
        for (var seq = 1; seq <= 2; seq++)
        {
            var data = await client.ReceiveAsync("data");
            Assert.Equal(seq, data.GetProperty("payload").GetProperty("data").GetProperty("messages").GetProperty("seq").GetInt32());
        }

        await client.SendAsync(new { type = "stop", id = "s" });
        Assert.Equal("s", Id(await client.ReceiveAsync("complete")));
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 0, "the subscription is released");
    }

    [Fact]
    public async Task A_start_with_an_id_in_use_replaces_that_operation()
    {
        var first = Guid.NewGuid().ToString("N");
        var second = Guid.NewGuid().ToString("N");
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SubscribeAsync("s", MessagesQuery, new { topic = first });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(first) == 1, "the first subscription is attached");

        await client.SubscribeAsync("s", MessagesQuery, new { topic = second });
        await Eventually.TrueAsync(
            () => server.Hub.SubscriberCount(first) == 0 && server.Hub.SubscriberCount(second) == 1, "the second replaces the first");
    }

    [Fact]
    public async Task Finite_stream_ends_with_complete()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SubscribeAsync("t", "subscription { ticks(count: 2) }");

        Assert.Equal(1, (await client.ReceiveAsync("data")).GetProperty("payload").GetProperty("data").GetProperty("ticks").GetInt32());
        Assert.Equal(2, (await client.ReceiveAsync("data")).GetProperty("payload").GetProperty("data").GetProperty("ticks").GetInt32());
        await client.ReceiveAsync("complete");
    }

    [Fact]
    public async Task Stream_failure_is_sent_as_data_with_errors_then_complete()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SubscribeAsync("f", "subscription { failing }");

        await client.ReceiveAsync("data");
        var failure = await client.ReceiveAsync("data");
        Assert.True(failure.GetProperty("payload").GetProperty("errors").GetArrayLength() > 0);
        await client.ReceiveAsync("complete");
    }

    [Fact]
    public async Task Validation_failure_is_sent_as_error()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SubscribeAsync("v", "{ nope }");

        var error = await client.ReceiveAsync("error");
        Assert.Equal("v", Id(error));
        Assert.Contains("nope", error.GetProperty("payload").GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_message_type_is_answered_with_an_error_and_the_socket_stays_open()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SendAsync(new { type = "launch", id = "x" });

        var error = await client.ReceiveAsync("error");
        Assert.Equal("x", Id(error));
        Assert.Equal("Invalid message type!", error.GetProperty("payload").GetProperty("message").GetString());
        await AssertStillServesAsync(client);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    public async Task A_message_that_is_not_a_json_object_is_answered_with_connection_error(string message)
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SendRawAsync(message);

        var error = await client.ReceiveAsync("connection_error");
        Assert.Equal(JsonValueKind.String, error.GetProperty("payload").GetProperty("message").ValueKind);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task Invalid_start_payload_is_answered_with_an_error()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SendAsync(new { type = "start", id = "p", payload = new { variables = new { } } });

        Assert.Equal("p", Id(await client.ReceiveAsync("error")));
    }

    [Fact]
    public async Task A_bad_connection_init_payload_gets_connection_error_then_the_socket_closes()
    {
        await using var client = await ConnectAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SendRawAsync("{\"type\": \"connection_init\", \"payload\": 42}");

        await client.ReceiveAsync("connection_error");
        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Start_before_init_closes_with_4401()
    {
        await using var client = await ConnectAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SubscribeAsync("1", "{ hello }");

        Assert.Equal(4401, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SendAsync(new { type = "connection_init" });

        Assert.Equal(4429, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Connection_terminate_closes_normally_and_releases_subscriptions()
    {
        var topic = Guid.NewGuid().ToString("N");
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await client.SubscribeAsync("s", MessagesQuery, new { topic });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 1, "the subscription is attached");

        await client.SendAsync(new { type = "connection_terminate" });

        Assert.Equal(1000, (await client.ReceiveCloseAsync()).Code);
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 0, "the subscription is released");
    }

    private static async Task AssertStillServesAsync(WsTestClient client)
    {
        await client.SubscribeAsync("alive", "{ hello }");
        Assert.Equal("alive", Id(await client.ReceiveAsync("data")));
    }
}
