using System.Net;
using Coco.Connectors.Tests.Transport.Streaming;
using Coco.Connectors.Server.Transport.Streaming;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// Every event is resolved once per distinct selection, so subscriptions that differ only in an alias cannot multiply
/// what an event costs: a client may run a few distinct selections (any number of subscriptions to each), the server a
/// bounded number; one more is refused with its own code while everything else goes on.
/// </summary>
public sealed class SelectionCapTests(SelectionCappedServer server) : IClassFixture<SelectionCappedServer>, IDisposable
{
    private static readonly IPAddress Second = LoopbackClients.Address(2), Third = LoopbackClients.Address(3);

    private readonly LiveServer _live = new(server);

    private static string Aliased(string alias) => $"subscription {{ {alias}: onConnectorCreated {{ id }} }}";

    [Fact]
    public async Task Aliases_beyond_the_clients_distinct_selections_are_refused_and_repeats_are_free()
    {
        await using var socket = await LiveSocket.ConnectAsync(server); // 127.0.0.1
        await socket.SubscribeAsync("a", Aliased("a"));
        await socket.SubscribeAsync("b", Aliased("b"));
        await socket.SubscribeAsync("a-again", Aliased("a"));
        await _live.WaitForSubscribersAsync(3);

        await socket.SubscribeAsync("c", Aliased("c"));
        var refused = await socket.NextMessageAsync("c", "error");
        Assert.Equal("TOO_MANY_SELECTIONS", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());

        // The server's last distinct selection goes to another client; then nobody adds one.
        await using var other = await ConnectAndInitFromAsync(Second, server.GraphQLWebSocketUri);
        await other.SubscribeAsync("d", Aliased("d"));
        await _live.WaitForSubscribersAsync(4);
        await using var third = await ConnectAndInitFromAsync(Third, server.GraphQLWebSocketUri);
        await third.SubscribeAsync("e", Aliased("e"));
        var busy = await third.ReceiveAsync("error");
        Assert.Equal("SERVER_BUSY", busy.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        await third.SubscribeAsync("a", Aliased("a")); // A selection already running costs nothing more.
        await _live.WaitForSubscribersAsync(5); // attached before the write below, or it would miss it

        var id = await _live.CreateAsync(new { name = "selections" });
        foreach (var (op, alias) in new[] { ("a", "a"), ("b", "b"), ("a-again", "a") })
        {
            Assert.Equal(id, (string?)(await socket.NextDataAsync(op))[alias]!["id"]);
        }

        Assert.Equal(id, (await third.ReceiveAsync("next")).GetProperty("payload").GetProperty("data").GetProperty("a").GetProperty("id").GetString());

        // Stopping every subscription to a selection gives its place back.
        await socket.StopAsync("b");
        await Eventually.TrueAsync(() => Selections.Count == SelectionCappedServer.Selections - 1, "the stopped selection's place is free");
        await socket.SubscribeAsync("c2", Aliased("c"));
        await _live.WaitForSubscribersAsync(5);
        var next = await _live.CreateAsync(new { name = "selections again" });
        Assert.Equal(next, (string?)(await socket.NextDataAsync("c2"))["c"]!["id"]);
    }

    public void Dispose() => _live.Dispose();

    private SelectionAdmission Selections => server.Services.GetRequiredService<SelectionAdmission>();
}
