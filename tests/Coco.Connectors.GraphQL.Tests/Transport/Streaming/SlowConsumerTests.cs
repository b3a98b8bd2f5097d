using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>
/// A client that stops reading while events keep coming: the server must neither buffer without end nor drop
/// events silently. The flood is larger than every buffer on the way (socket buffers, queue), so the
/// subscription's bounded queue overflows; the test only waits for outcomes, never for a duration.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class SlowConsumerTests(StreamingServer server)
{
    private const int Flood = 2000;
    private const string MessagesQuery = "subscription($topic: String!) { messages(topic: $topic) { seq text } }";
    private static readonly string Big = new('x', 64 * 1024);

    [Theory]
    [InlineData(TransportWs, "next")]
    [InlineData(ApolloWs, "data")]
    public async Task A_websocket_client_that_stops_reading_gets_SLOW_CONSUMER_and_the_subscription_is_released(string subProtocol, string dataType)
    {
        var topic = Guid.NewGuid().ToString("N");
        await using var client = await ConnectAndInitAsync(server.GraphQLWebSocketUri, subProtocol);
        await client.SubscribeAsync("slow", MessagesQuery, new { topic });
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 1, "the subscription is attached");

        await Task.Run(() => server.Hub.Publish(topic, Big, Flood));
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 0, "the slow subscription is released while its client is not reading");

        var delivered = new List<int>();
        JsonElement message;
        while (Type(message = await client.ReceiveAsync()) == dataType && !IsSlowConsumerError(message))
        {
            delivered.Add(message.GetProperty("payload").GetProperty("data").GetProperty("messages").GetProperty("seq").GetInt32());
        }

        Assert.True(IsSlowConsumerError(message), $"Expected the SLOW_CONSUMER error but got {Type(message)}");
        AssertDeliveredInOrderAndSomeDropped(delivered);
        Assert.Equal("slow", Id(await client.ReceiveAsync("complete")));

        // The connection itself is fine: other operations still run.
        await client.SubscribeAsync("after", "{ hello }");
        Assert.Equal("after", Id(await client.ReceiveAsync(dataType)));
    }

    [Fact]
    public async Task An_sse_client_that_stops_reading_gets_SLOW_CONSUMER_and_the_subscription_is_released()
    {
        var topic = Guid.NewGuid().ToString("N");
        using var client = server.CreateHttpClient();
        using var stream = await SseTestStream.OpenAsync(client, SseTestStream.Post(MessagesQuery, new { topic }));
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 1, "the subscription is attached");

        await Task.Run(() => server.Hub.Publish(topic, Big, Flood));
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 0, "the slow subscription is released while its client is not reading");

        var delivered = new List<int>();
        SseEvent next;
        while ((next = await stream.ReadAsync("next")).Json().TryGetProperty("data", out var data))
        {
            delivered.Add(data.GetProperty("messages").GetProperty("seq").GetInt32());
        }

        Assert.Equal("SLOW_CONSUMER", StreamingErrorCode(next.Json()));
        AssertDeliveredInOrderAndSomeDropped(delivered);
        await stream.ReadAsync("complete");
    }

    // What arrived is a prefix of what was published (first message on, no gap, no reordering), and not all of it:
    // a count alone could not fail.
    private static void AssertDeliveredInOrderAndSomeDropped(List<int> delivered)
    {
        Assert.Equal(Enumerable.Range(1, delivered.Count), delivered);
        Assert.True(delivered.Count < Flood, $"all {Flood} messages arrived although the client never read");
    }

    private static bool IsSlowConsumerError(JsonElement message) =>
        message.TryGetProperty("payload", out var payload) && StreamingErrorCode(payload) == "SLOW_CONSUMER";

    private static string? StreamingErrorCode(JsonElement result) =>
        result.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;
}
