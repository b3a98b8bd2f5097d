using Coco.Connectors.Tests.Transport.Streaming;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// A connection's budget alone stops the subscriptions of a socket that stopped reading: no subscription is over its
/// own budget (it is far larger than the test writes), yet together they are over the socket's.
/// </summary>
public sealed class ConnectionBudgetTests(ConnectionBudgetCocoServer server, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ConnectionBudgetCocoServer>
{
    [Fact]
    public async Task The_subscriptions_of_a_paused_socket_are_stopped_over_the_connection_budget()
    {
        using var live = new LiveServer(server);
        var flood = new PacedFlood(server, live);
        var id = await flood.CreateConnectorAsync();
        await using var paused = await LiveSocket.ConnectAsync(server);
        await paused.SubscribeAsync("a", PacedFlood.Query, new { id });
        await paused.SubscribeAsync("b", PacedFlood.Query, new { id });
        await using var reader = await LiveSocket.ConnectAsync(server, ApolloWs);
        await reader.SubscribeAsync("reader", PacedFlood.Query, new { id });
        await live.WaitForSubscribersAsync(3);

        await flood.RunAsync(id, reader, "reader");

        var delivered = new List<int>
        {
            await flood.DrainAsync(paused, "a"),
            await flood.DrainAsync(paused, "b"),
        };
        output.WriteLine($"{flood.Writes} writes; paused subscribers got {string.Join(", ", delivered)} events");
    }
}
