using Coco.Connectors.Client;
using Coco.Connectors.Tests.Subscriptions;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>
/// A subscription outlives its socket: when the server goes away (closing the socket as it stops) and comes back
/// at the same address, the client reconnects, subscribes again and receives the changes made after that.
/// </summary>
public sealed class SubscriptionReconnectTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coco-client-reconnect-").FullName;

    [Fact]
    public async Task The_subscription_resubscribes_after_the_server_closes_the_socket_and_comes_back()
    {
        var port = FixedPortCocoServer.FreePort();
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
            Assert.True(await next);
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
            Assert.True(await waiting);
            var change = events.Current.OnConnectorChanged;
            Assert.Equal((ConnectorChangeKind.Updated, beforeId, "after the restart"), (change.Kind, change.Id, change.Connector!.Description));

            await events.DisposeAsync(); // unsubscribes before this server stops
            await live.WaitForSubscribersAsync(0);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
