using System.Text.Json.Nodes;
using Coco.Connectors.Server.Transport.Streaming;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.Extensions.DependencyInjection;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// Subscribers that stop reading while a large connector (≈ 240 KB of config) is written again and again: the server
/// keeps at most a subscription's byte budget of events for each of them, then stops them with SLOW_CONSUMER, while a
/// subscriber that reads gets every event. Over real sockets: SSE streams, graphql-transport-ws and graphql-ws.
/// </summary>
public sealed class QueuedBytesTests(ByteBudgetCocoServer server, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ByteBudgetCocoServer>, IAsyncLifetime
{
    private readonly LiveServer _live = new(server);

    public Task InitializeAsync() => _live.WaitForSubscribersAsync(0);

    public Task DisposeAsync()
    {
        _live.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Non_reading_SSE_clients_and_paused_socket_subscribers_are_stopped_over_their_byte_budget_while_a_reader_gets_every_event()
    {
        var flood = new PacedFlood(server, _live);
        var id = await flood.CreateConnectorAsync();

        var sseClients = Enumerable.Range(0, 3).Select(_ => server.CreateHttpClient()).ToList();
        var sse = new List<SseTestStream>();
        foreach (var client in sseClients)
        {
            sse.Add(await SseTestStream.OpenAsync(client, SseTestStream.Post(PacedFlood.Query, new { id })));
        }

        var paused = new List<LiveSocket>();
        foreach (var subProtocol in new[] { TransportWs, TransportWs, ApolloWs })
        {
            var socket = await LiveSocket.ConnectAsync(server, subProtocol);
            await socket.SubscribeAsync("paused", PacedFlood.Query, new { id });
            paused.Add(socket);
        }

        await using var reader = await LiveSocket.ConnectAsync(server);
        await reader.SubscribeAsync("reader", PacedFlood.Query, new { id });
        await _live.WaitForSubscribersAsync(1 + sse.Count + paused.Count);

        await flood.RunAsync(id, reader, "reader");

        // What the server held never exceeded a budget per subscriber (shared events count once, so far less).
        Assert.InRange(flood.MaxQueuedBytes, 0, (1 + sse.Count + paused.Count) * (long)ByteBudgetCocoServer.Budget);
        var delivered = new List<int>();
        foreach (var socket in paused)
        {
            delivered.Add(await flood.DrainAsync(socket, "paused"));
            await socket.DisposeAsync();
        }

        foreach (var stream in sse)
        {
            delivered.Add(await flood.DrainAsync(stream));
            stream.Dispose();
        }

        output.WriteLine($"{flood.Writes} writes; at most {flood.MaxQueuedBytes} bytes queued; paused subscribers got {string.Join(", ", delivered)} events");

        reader.AssertNeverSent(PacedFlood.Token);
        var streamer = server.Services.GetRequiredService<OperationStreamer>();
        await Eventually.TrueAsync(() => streamer.QueuedBytes == 0, $"every queued byte is given back ({streamer.QueuedBytes} left)");
        sseClients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Subscribers_whose_variables_differ_never_share_an_event()
    {
        var id = await _live.CreateAsync(new { name = "vars", config = new { region = "eu", token = PacedFlood.Token } });
        const string query = "subscription($id: ID, $withConfig: Boolean!) { onConnectorUpdated(id: $id) { version config @include(if: $withConfig) } }";
        await using var withConfig = await LiveSocket.ConnectAsync(server);
        await using var without = await LiveSocket.ConnectAsync(server, ApolloWs);
        await withConfig.SubscribeAsync("with", query, new { id, withConfig = true });
        await without.SubscribeAsync("without", query, new { id, withConfig = false });
        await _live.WaitForSubscribersAsync(2);

        await _live.UpdateAsync(id, new { description = "x" });

        var first = (await withConfig.NextDataAsync("with"))["onConnectorUpdated"]!.AsObject();
        var second = (await without.NextDataAsync("without"))["onConnectorUpdated"]!.AsObject();
        Assert.Equal("eu", (string?)first["config"]!["region"]);
        Assert.Equal("******", (string?)first["config"]!["token"]);
        Assert.False(second.ContainsKey("config"), second.ToJsonString());
        Assert.Equal(2, (int)second["version"]!);
    }
}
