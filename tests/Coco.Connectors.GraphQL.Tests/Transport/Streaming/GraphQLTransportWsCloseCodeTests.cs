using Coco.Connectors.Tests.Infrastructure;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>Every way a graphql-transport-ws client can break the protocol, and the close code it gets.</summary>
[Collection(StreamingCollection.Name)]
public sealed class GraphQLTransportWsCloseCodeTests(StreamingServer server)
{
    [Theory]
    [InlineData("not json", "The message must be a json object.")]
    [InlineData("[1, 2]", "The message must be a json object.")]
    [InlineData("{\"id\": \"1\"}", "The type property on the message is mandatory.")]
    [InlineData("{\"type\": \"launch\"}", "Invalid message type.")]
    [InlineData("{\"type\": \"next\", \"id\": \"1\", \"payload\": {}}", "Invalid message type.")]
    [InlineData("{\"type\": \"subscribe\", \"id\": \"1\"}", "Invalid subscribe message structure.")]
    [InlineData("{\"type\": \"subscribe\", \"id\": \"1\", \"payload\": {\"variables\": {}}}", "Invalid subscribe message structure.")]
    [InlineData("{\"type\": \"subscribe\", \"payload\": {\"query\": \"{ hello }\"}}", "Invalid subscribe message structure.")]
    [InlineData("{\"type\": \"subscribe\", \"id\": 5, \"payload\": {\"query\": \"{ hello }\"}}", "The id property must be a string.")]
    public async Task A_bad_message_closes_with_4400(string message, string reason)
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SendRawAsync(message);

        Assert.Equal((4400, reason), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_connection_init_payload_that_is_not_an_object_closes_with_4400()
    {
        await using var client = await ConnectAsync(server.GraphQLWebSocketUri);
        await client.SendRawAsync("{\"type\": \"connection_init\", \"payload\": \"token\"}");

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Subscribe_before_the_ack_closes_with_4401()
    {
        await using var client = await ConnectAsync(server.GraphQLWebSocketUri);
        await client.SubscribeAsync("1", "{ hello }");

        Assert.Equal((4401, "Unauthorized"), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_second_subscribe_with_an_active_id_closes_with_4409()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        var topic = Guid.NewGuid().ToString("N");
        await client.SubscribeAsync("dup", "subscription($topic: String!) { messages(topic: $topic) { seq } }", new { topic });
        await client.SubscribeAsync("dup", "subscription($topic: String!) { messages(topic: $topic) { seq } }", new { topic });

        Assert.Equal((4409, "Subscriber for dup already exists"), await client.ReceiveCloseAsync());
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 0, "the closed socket's subscription is released");
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await client.SendAsync(new { type = "connection_init" });

        Assert.Equal((4429, "Too many initialisation requests."), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_with_1009()
    {
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        var huge = new string('x', StreamingServer.MaxMessageSize);
        await client.SendAsync(new { type = "subscribe", id = "big", payload = new { query = $"{{ hello(name: \"{huge}\") }}" } });

        Assert.Equal(1009, (await client.ReceiveCloseAsync()).Code);
    }
}

/// <summary>The connection_init timeout, on a server where it is short.</summary>
public sealed class ConnectionInitTimeoutTests(ShortInitTimeoutServer server) : IClassFixture<ShortInitTimeoutServer>
{
    [Theory]
    [InlineData(TransportWs)]
    [InlineData(ApolloWs)]
    public async Task No_connection_init_closes_with_4408(string subProtocol)
    {
        await using var client = await ConnectAsync(server.GraphQLWebSocketUri, subProtocol);

        Assert.Equal((4408, "Connection initialization timeout."), await client.ReceiveCloseAsync());
    }
}
