using System.Net;
using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// Within the caps on distinct selections, each selection may alias a large field many times, and every distinct
/// selection resolves each event on its own: one write must not turn into an unbounded amount of event bytes. A
/// client's selections share an allowance per write; past it they get <c>EVENT_FAN_OUT_EXCEEDED</c> for that write
/// (their subscriptions go on), and the server's allowance per write bounds all clients together.
/// </summary>
public sealed class EventFanOutTests(EventFanOutCappedServer server) : IClassFixture<EventFanOutCappedServer>, IAsyncLifetime
{
    private const int BlobBytes = 4_000, Blobs = 15; // a config of ~60 KB; two aliases of it are ~120 KB per event

    private readonly LiveServer _live = new(server);

    private static string TwoConfigs(string prefix) =>
        $"subscription($id: ID) {{ onConnectorUpdated(id: $id) {{ {prefix}1: config {prefix}2: config }} }}";

    [Fact]
    public async Task A_clients_aliased_selections_share_one_allowance_per_write_and_their_subscriptions_go_on()
    {
        var config = Enumerable.Range(0, Blobs).ToDictionary(i => $"blob_{i}", _ => new string('x', BlobBytes));
        config["password"] = "fan-out-secret-5d1";
        var id = await _live.CreateAsync(new { name = "fanned out", config });

        await using var socket = await LiveSocket.ConnectAsync(server); // 127.0.0.1
        string[] ops = ["a", "b", "c", "d"];
        foreach (var op in ops)
        {
            await socket.SubscribeAsync(op, TwoConfigs(op), new { id });
        }

        await using var other = await LiveSocket.ConnectAsync(server); // the same client: the same allowance
        await other.SubscribeAsync("e", TwoConfigs("e"), new { id });
        await using var elsewhere = await WsTestClient.ConnectAndInitFromAsync(LoopbackClients.Address(2), server.GraphQLWebSocketUri);
        await elsewhere.SubscribeAsync("f", TwoConfigs("f"), new { id });
        await _live.WaitForSubscribersAsync(6);

        for (var write = 0; write < 2; write++)
        {
            await _live.UpdateAsync(id, new { description = $"write {write}" });
            var results = new List<JsonElement>();
            foreach (var op in ops)
            {
                results.Add((await socket.NextMessageAsync(op, "next")).GetProperty("payload"));
            }

            results.Add((await other.NextMessageAsync("e", "next")).GetProperty("payload"));
            var delivered = results.Where(r => !r.TryGetProperty("errors", out _)).ToList();
            var refused = results.Where(r => r.TryGetProperty("errors", out _)).ToList();

            // ~120 KB per selection (two charges of ~60 KB) against 200 KB: at most one selection completes, the one that
            // crosses the line stops, the rest never run (however the events interleave).
            Assert.True(delivered.Count <= 1, $"{delivered.Count} selections were delivered");
            Assert.True(refused.Count >= 4, $"{refused.Count} selections were refused");
            foreach (var error in refused.Select(r => r.GetProperty("errors")[0]))
            {
                Assert.Equal("EVENT_FAN_OUT_EXCEEDED", error.GetProperty("extensions").GetProperty("code").GetString());
                Assert.Equal(EventFanOutCappedServer.PerClient, error.GetProperty("extensions").GetProperty("limit").GetInt64());
                Assert.Contains("distinct selection", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            }

            // Another client has an allowance of its own.
            var theirs = (await elsewhere.ReceiveAsync("next")).GetProperty("payload");
            Assert.False(theirs.TryGetProperty("errors", out _), theirs.GetRawText());
            Assert.Equal(Blobs + 1, theirs.GetProperty("data").GetProperty("onConnectorUpdated").GetProperty("f1").EnumerateObject().Count());
        }

        socket.AssertNeverSent("fan-out-secret-5d1");
        other.AssertNeverSent("fan-out-secret-5d1");
    }

    [Fact]
    public async Task All_clients_together_share_the_servers_allowance_per_write()
    {
        var config = Enumerable.Range(0, Blobs).ToDictionary(i => $"blob_{i}", _ => new string('y', BlobBytes));
        var id = await _live.CreateAsync(new { name = "fanned out to many", config });

        // Five clients with one ~120 KB selection each: within every client's allowance, not within the server's 450 KB.
        var clients = new List<WsTestClient>();
        try
        {
            for (var n = 10; n < 15; n++)
            {
                var client = await WsTestClient.ConnectAndInitFromAsync(LoopbackClients.Address(n), server.GraphQLWebSocketUri);
                clients.Add(client);
                await client.SubscribeAsync("s", TwoConfigs($"c{n}"), new { id });
            }

            await _live.WaitForSubscribersAsync(5);
            await _live.UpdateAsync(id, new { description = "to everyone" });
            var codes = new List<string?>();
            foreach (var client in clients)
            {
                var payload = (await client.ReceiveAsync("next")).GetProperty("payload");
                codes.Add(payload.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null);
            }

            // 120 + 120 + 120 KB fit in 450 KB; the fourth crosses it; the fifth never runs (at most three complete).
            Assert.True(codes.Count(c => c is null) <= 3, string.Join(",", codes));
            Assert.True(codes.Count(c => c == "SERVER_BUSY") >= 2, string.Join(",", codes));
            Assert.All(codes, c => Assert.True(c is null or "SERVER_BUSY", c));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Field_names_count_too_not_only_values()
    {
        // Thirty 3 KB aliases of a number: ~90 KB per event that resolving charges almost nothing for.
        var id = await _live.CreateAsync(new { name = "long names" });
        string Names(string op) => string.Join(' ', Enumerable.Range(0, 30).Select(i => $"{op}{new string('n', 3_000)}{i}: version"));
        await using var socket = await LiveSocket.ConnectAsync(server);
        string[] ops = ["a", "b", "c", "d", "e"];
        foreach (var op in ops)
        {
            await socket.SubscribeAsync(op, $"subscription($id: ID) {{ onConnectorUpdated(id: $id) {{ {Names(op)} }} }}", new { id });
        }

        await _live.WaitForSubscribersAsync(5);
        await _live.UpdateAsync(id, new { description = "renamed" });
        var codes = new List<string?>();
        foreach (var op in ops)
        {
            var payload = (await socket.NextMessageAsync(op, "next")).GetProperty("payload");
            codes.Add(payload.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null);
        }

        // 5 × ~90 KB against 200 KB: at most two are sent.
        Assert.True(codes.Count(c => c is null) <= 2, string.Join(",", codes));
        Assert.True(codes.Count(c => c == "EVENT_FAN_OUT_EXCEEDED") >= 3, string.Join(",", codes));
    }

    // Each test counts its own subscribers: the previous test's are released after its sockets closed.
    public Task InitializeAsync() => _live.WaitForSubscribersAsync(0);

    public Task DisposeAsync()
    {
        _live.Dispose();
        return Task.CompletedTask;
    }
}
