using Coco.Connectors.Client;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>
/// A subscription outlives its socket: when the server goes away (closing the socket as it stops) and comes back
/// at the same address, or when the connection goes silent (no answer to the client's ping), the client
/// reconnects, subscribes again and receives the changes made after that.
/// </summary>
public sealed class SubscriptionReconnectTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coco-client-reconnect-").FullName;

    [Fact]
    public async Task The_subscription_resubscribes_after_the_server_closes_the_socket_and_comes_back()
    {
        var port = UnassignedPort.Pick(); // bound again by the second server
        var database = Path.Combine(_folder, "coco.db");
        var first = new FixedPortCocoServer(port, database);
        await using var host = new ClientHost(first.BaseAddress, options =>
        {
            options.ReconnectDelay = TimeSpan.FromMilliseconds(100);
            options.MaxReconnectDelay = TimeSpan.FromSeconds(1);
            options.MaxReconnectAttempts = 100; // a hang guard: the restart below takes a few attempts at most
        });
        var events = host.Client.WatchConnectorsAsync().GetAsyncEnumerator();

        string beforeId;
        using (var live = new LiveServer(first))
        {
            var next = events.MoveNextAsync().AsTask();
            await live.WaitForSubscribersAsync(1);
            beforeId = await live.CreateAsync(new { name = "Before the restart" });
            Assert.True(await next.WaitAsync(Patience.Limit));
            Assert.Equal(beforeId, events.Current.OnConnectorChanged.Id);
        }

        var waiting = events.MoveNextAsync().AsTask();
        first.Dispose(); // the server stops: its sockets close with 1001 (going away)
        Assert.False(waiting.IsCompleted);

        using var second = new FixedPortCocoServer(port, database);
        using (var live = new LiveServer(second))
        {
            await live.WaitForSubscribersAsync(1); // the client came back by itself
            await live.UpdateAsync(beforeId, new { description = "after the restart" });
            Assert.True(await waiting.WaitAsync(Patience.Limit));
            var change = events.Current.OnConnectorChanged;
            Assert.Equal((ConnectorChangeKind.Updated, beforeId, "after the restart"), (change.Kind, change.Id, change.Connector!.Description));

            await events.DisposeAsync(); // unsubscribes before this server stops
            await live.WaitForSubscribersAsync(0);
        }
    }

    [Fact]
    public async Task A_connection_that_stops_answering_pings_is_replaced()
    {
        using var server = new CocoServer();
        await using var proxy = new FreezableTcpProxy(server.BaseAddress.Port);
        await using var host = new ClientHost(proxy.Address, options =>
        {
            options.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
            // Long enough that a loaded machine's slow pong does not pass for a dead connection; the frozen one never answers.
            options.KeepAliveTimeout = TimeSpan.FromSeconds(5);
            options.ReconnectDelay = TimeSpan.FromMilliseconds(50);
        });
        using var live = new LiveServer(server);
        var events = host.Client.WatchConnectorsAsync().GetAsyncEnumerator();
        var next = events.MoveNextAsync().AsTask();
        await live.WaitForSubscribersAsync(1);

        proxy.FreezeOpenConnections(); // the first socket stays open on both ends, but nothing gets through
        await live.WaitForSubscribersAsync(2); // the client's ping went unanswered: it subscribed again on a new socket

        // A write made while the client is between sockets reaches no one: write until one arrives.
        var ids = new List<string>();
        while (!next.IsCompleted)
        {
            ids.Add(await live.CreateAsync(new { name = "After the silence" }));
            Assert.True(ids.Count < 100, "no write reached the resubscribed client");
            await Task.WhenAny(next, Task.Delay(200));
        }

        Assert.True(await next);
        Assert.Equal(ConnectorChangeKind.Created, events.Current.OnConnectorChanged.Kind);
        Assert.Contains(events.Current.OnConnectorChanged.Id, ids);
        await events.DisposeAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown is left for the OS temp cleaner.
        }
    }
}
