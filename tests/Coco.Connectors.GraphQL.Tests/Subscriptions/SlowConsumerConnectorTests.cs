using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.AspNetCore.Hosting;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>The real server with a subscription queue of 4 events, so that a slow client overflows it quickly.</summary>
public sealed class SmallQueueCocoServer : CocoServer
{
    public const int QueueSize = 4;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Streaming:QueueSize", $"{QueueSize}");
    }
}

/// <summary>
/// A client that subscribes to real connector events and then never reads, while writes keep coming: the server must
/// let go of that subscription and say so (SLOW_CONSUMER) instead of buffering without end, and the other subscribers
/// must keep receiving every event. Each event is large (a big, non-secret config value), so the socket buffers
/// between server and client fill after a bounded number of events; the test writes until the slow subscription is
/// released (with a generous cap), each write once the reading client has the previous event, and never waits for a
/// duration.
/// </summary>
public sealed class SlowConsumerConnectorTests(SmallQueueCocoServer server, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SmallQueueCocoServer>, IAsyncLifetime
{
    private const string Token = "slow-tok-1d9e5f";
    private const int MaxWrites = 600;
    private const string Query = "subscription($id: ID) { onConnectorUpdated(id: $id) { id version description config } }";

    // About 200 KB per event (the config limit is 256 KiB).
    private static readonly string Blob = string.Concat(Enumerable.Repeat("0123456789abcdef", 200 * 1024 / 16));

    private readonly LiveServer _live = new(server);

    public Task InitializeAsync() => _live.WaitForSubscribersAsync(0);

    public Task DisposeAsync()
    {
        _live.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(TransportWs)]
    [InlineData(ApolloWs)]
    public async Task A_socket_client_that_never_reads_gets_SLOW_CONSUMER_while_a_reading_client_gets_every_event(string subProtocol)
    {
        var id = await _live.CreateAsync(new { name = "flooded", description = "d", config = new { token = Token, blob = Blob } });

        await using var slow = await ConnectAndInitAsync(server.GraphQLWebSocketUri, subProtocol);
        await slow.SubscribeAsync("slow", Query, new { id });
        await using var healthy = await LiveSocket.ConnectAsync(server, subProtocol);
        // The reading client asks for small events, so that it keeps up whatever the machine's load.
        await healthy.SubscribeAsync("healthy", "subscription($id: ID) { onConnectorUpdated(id: $id) { version } }", new { id });
        await _live.WaitForSubscribersAsync(2);

        // Each write waits until the healthy client has the previous event: it never has a backlog, however loaded the
        // machine is, and it must get every event in order although the other client blocked its share of the writes.
        var writes = 0;
        while (_live.Subscribers == 2)
        {
            Assert.True(writes < MaxWrites, $"{writes} events of {Blob.Length / 1024} KB did not overflow a queue of {SmallQueueCocoServer.QueueSize}");
            writes++;
            await _live.UpdateAsync(id, new { description = $"write {writes}" });
            Assert.Equal(1 + writes, (int)(await healthy.NextDataAsync("healthy"))["onConnectorUpdated"]!["version"]!);
        }

        await _live.WaitForSubscribersAsync(1);
        var lastVersion = 1 + writes;

        // Now the slow client reads: some events, then the SLOW_CONSUMER error, then complete.
        var dataType = subProtocol == ApolloWs ? "data" : "next";
        var delivered = new List<int>();
        JsonElement message;
        while (Type(message = await slow.ReceiveAsync()) == dataType && !IsSlowConsumerError(message))
        {
            Assert.Equal("slow", Id(message));
            Assert.DoesNotContain(Token, message.GetRawText(), StringComparison.Ordinal);
            delivered.Add(message.GetProperty("payload").GetProperty("data").GetProperty("onConnectorUpdated").GetProperty("version").GetInt32());
        }

        Assert.True(IsSlowConsumerError(message), $"Expected the SLOW_CONSUMER error but got {message}");
        Assert.Equal("slow", Id(message));
        Assert.InRange(delivered.Count, 0, writes - 1);
        Assert.Equal(Enumerable.Range(2, delivered.Count), delivered); // what did arrive came in order, with no gap
        Assert.Equal("slow", Id(await slow.ReceiveAsync("complete")));
        output.WriteLine($"{writes} writes; the slow client got {delivered.Count} events before SLOW_CONSUMER");

        // The slow client's connection survives, and it can subscribe again.
        await slow.SubscribeAsync("again", Query, new { id });
        await _live.WaitForSubscribersAsync(2);
        await _live.UpdateAsync(id, new { description = "welcome back" });
        var again = await slow.ReceiveAsync(dataType);
        Assert.Equal("again", Id(again));
        Assert.Equal(lastVersion + 1, again.GetProperty("payload").GetProperty("data").GetProperty("onConnectorUpdated").GetProperty("version").GetInt32());
    }

    private static bool IsSlowConsumerError(JsonElement message) =>
        message.TryGetProperty("payload", out var payload)
        && payload.TryGetProperty("errors", out var errors)
        && errors[0].TryGetProperty("extensions", out var extensions)
        && extensions.TryGetProperty("code", out var code)
        && code.GetString() == "SLOW_CONSUMER";
}
