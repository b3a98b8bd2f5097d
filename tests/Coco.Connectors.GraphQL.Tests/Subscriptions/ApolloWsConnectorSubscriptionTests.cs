using Coco.Connectors.Tests.Infrastructure;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>The connector subscriptions over the legacy Apollo subprotocol (<c>graphql-ws</c>): start, data, stop.</summary>
public sealed class ApolloWsConnectorSubscriptionTests(CocoServer server) : IClassFixture<CocoServer>, IAsyncLifetime
{
    private const string Token = "apollo-tok-5e1c0b";
    private const string Password = "apollo-pw-99ab31";

    private readonly LiveServer _live = new(server);

    public Task InitializeAsync() => _live.WaitForSubscribersAsync(0);

    public Task DisposeAsync()
    {
        _live.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Start_data_and_stop_with_real_connector_events_and_secrets_masked()
    {
        await using var socket = await LiveSocket.ConnectAsync(server, ApolloWs);
        Assert.Equal("data", socket.DataType);
        await socket.SubscribeAsync("created", "subscription { onConnectorCreated { id version config } }");
        await socket.SubscribeAsync("changed", "subscription { onConnectorChanged { kind id version connector { config } } }");
        await _live.WaitForSubscribersAsync(2);

        var id = await _live.CreateAsync(new { name = "apollo", config = new { token = Token, nested = new { password = Password } } });
        var created = (await socket.NextDataAsync("created"))["onConnectorCreated"]!;
        Assert.Equal((id, 1), ((string)created["id"]!, (int)created["version"]!));
        Assert.Equal("******", (string?)created["config"]!["token"]);
        Assert.Equal("******", (string?)created["config"]!["nested"]!["password"]);
        var changed = (await socket.NextDataAsync("changed"))["onConnectorChanged"]!;
        Assert.Equal((id, "CREATED"), ((string)changed["id"]!, (string)changed["kind"]!));
        Assert.Equal("******", (string?)changed["connector"]!["config"]!["token"]);

        // stop is answered with complete, and the server lets go of the subscription.
        await socket.StopAsync("created");
        await socket.NextMessageAsync("created", "complete");
        await _live.WaitForSubscribersAsync(1);

        await _live.UpdateAsync(id, new { config = new { token = Token + "-rotated" } });
        await _live.DeleteAsync(id);
        var updated = (await socket.NextDataAsync("changed"))["onConnectorChanged"]!;
        Assert.Equal(("UPDATED", 2), ((string)updated["kind"]!, (int)updated["version"]!));
        Assert.Equal("******", (string?)updated["connector"]!["config"]!["token"]);
        var deleted = (await socket.NextDataAsync("changed"))["onConnectorChanged"]!;
        Assert.Equal(("DELETED", 3), ((string)deleted["kind"]!, (int)deleted["version"]!));

        // The stopped operation hears nothing more, while the other one still does.
        var second = await _live.CreateAsync(new { name = "apollo 2" });
        Assert.Equal(second, (string?)(await socket.NextDataAsync("changed"))["onConnectorChanged"]!["id"]);
        Assert.True(socket.NothingPendingFor("created"), "the stopped operation still got messages");

        await socket.StopAsync("changed");
        await socket.NextMessageAsync("changed", "complete");
        await _live.WaitForSubscribersAsync(0);
        socket.AssertNeverSent(Token, Password);
    }

    [Fact]
    public async Task A_mutation_started_on_the_socket_feeds_a_subscription_on_the_same_socket()
    {
        await using var socket = await LiveSocket.ConnectAsync(server, ApolloWs);
        await socket.SubscribeAsync("updated", "subscription { onConnectorUpdated { id name config } }");
        await _live.WaitForSubscribersAsync(1);
        var id = await _live.CreateAsync(new { name = "before", config = new { api_key = Token } });

        await socket.SubscribeAsync("rename",
            "mutation($id: ID!) { updateConnector(input: {id: $id, name: \"after\"}) { connector { name config } } }", new { id });
        var payload = (await socket.NextDataAsync("rename"))["updateConnector"]!["connector"]!;
        Assert.Equal("after", (string?)payload["name"]);
        Assert.Equal("******", (string?)payload["config"]!["api_key"]);
        await socket.NextMessageAsync("rename", "complete");

        var evt = (await socket.NextDataAsync("updated"))["onConnectorUpdated"]!;
        Assert.Equal((id, "after"), ((string)evt["id"]!, (string)evt["name"]!));
        Assert.Equal("******", (string?)evt["config"]!["api_key"]);
        socket.AssertNeverSent(Token);

        // Closing the socket releases what was still running on it.
        await socket.Client.CloseAsync();
        await _live.WaitForSubscribersAsync(0);
    }
}
