using Coco.Connectors.Tests.Transport.Streaming;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>The server-wide budget alone stops subscribers that stopped reading, over both transports.</summary>
public sealed class ServerBudgetTests(ServerBudgetCocoServer server, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ServerBudgetCocoServer>
{
    [Fact]
    public async Task Paused_subscribers_are_stopped_over_the_server_budget_while_a_reader_gets_every_event()
    {
        using var live = new LiveServer(server);
        var flood = new PacedFlood(server, live);
        var id = await flood.CreateConnectorAsync();
        await using var paused = await LiveSocket.ConnectAsync(server);
        await paused.SubscribeAsync("paused", PacedFlood.Query, new { id });
        using var http = server.CreateHttpClient();
        using var sse = await SseTestStream.OpenAsync(http, SseTestStream.Post(PacedFlood.Query, new { id }));
        await using var reader = await LiveSocket.ConnectAsync(server);
        await reader.SubscribeAsync("reader", PacedFlood.Query, new { id });
        await live.WaitForSubscribersAsync(3);

        await flood.RunAsync(id, reader, "reader");

        var delivered = new List<int>
        {
            await flood.DrainAsync(paused, "paused"),
            await flood.DrainAsync(sse),
        };
        output.WriteLine($"{flood.Writes} writes; paused subscribers got {string.Join(", ", delivered)} events");
    }
}
