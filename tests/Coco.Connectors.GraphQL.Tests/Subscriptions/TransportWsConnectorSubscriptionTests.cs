using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// The connector subscriptions end to end: the real schema on the real server, a graphql-transport-ws client on a
/// real socket, and writes through REST, GraphQL over HTTP and GraphQL over the same socket. Every frame received is
/// checked for the raw secrets. Nothing here waits for a duration: only for outcomes, with a hang guard.
/// </summary>
public sealed class TransportWsConnectorSubscriptionTests(CocoServer server) : IClassFixture<CocoServer>, IAsyncLifetime
{
    private const string Token = "tok-E2E-7f3a9c";
    private const string Password = "pw-E2E-b81d2e";
    private const string ClientSecret = "cs-E2E-40aa17";

    private const string CreatedQuery = "subscription { onConnectorCreated { id name version config } }";
    private const string UpdatedQuery = "subscription($id: ID) { onConnectorUpdated(id: $id) { id name description version config } }";
    private const string DeletedQuery = "subscription { onConnectorDeleted { id version } }";

    private static readonly string[] Secrets = [Token, Password, ClientSecret];

    private readonly LiveServer _live = new(server);

    private static object SecretConfig => new { token = Token, db = new { password = Password, host = "db.local" }, client_secret = ClientSecret, region = "eu" };

    // Each test starts with no subscriber left over from the one before.
    public Task InitializeAsync() => _live.WaitForSubscribersAsync(0);

    public Task DisposeAsync()
    {
        _live.Dispose();
        return Task.CompletedTask;
    }

    private static void AssertMasked(JsonNode? config)
    {
        Assert.NotNull(config);
        Assert.Equal("******", (string?)config!["token"]);
        Assert.Equal("******", (string?)config["db"]!["password"]);
        Assert.Equal("******", (string?)config["client_secret"]);
        Assert.Equal("db.local", (string?)config["db"]!["host"]);
        Assert.Equal("eu", (string?)config["region"]);
    }

    private async Task<LiveSocket> SubscribeToAllThreeAsync()
    {
        var socket = await LiveSocket.ConnectAsync(server);
        await socket.SubscribeAsync("created", CreatedQuery);
        await socket.SubscribeAsync("updated", UpdatedQuery);
        await socket.SubscribeAsync("deleted", DeletedQuery);
        await _live.WaitForSubscribersAsync(3);
        return socket;
    }

    private static async Task AssertLifecycleAsync(LiveSocket socket, string id, string createdName, string updatedName)
    {
        var created = (await socket.NextDataAsync("created"))["onConnectorCreated"]!;
        Assert.Equal(id, (string?)created["id"]);
        Assert.Equal(createdName, (string?)created["name"]);
        Assert.Equal(1, (int?)created["version"]);
        AssertMasked(created["config"]);

        var updated = (await socket.NextDataAsync("updated"))["onConnectorUpdated"]!;
        Assert.Equal(id, (string?)updated["id"]);
        Assert.Equal(updatedName, (string?)updated["name"]);
        Assert.Equal(2, (int?)updated["version"]);
        AssertMasked(updated["config"]);

        var deleted = (await socket.NextDataAsync("deleted"))["onConnectorDeleted"]!;
        Assert.Equal(id, (string?)deleted["id"]);
        Assert.Equal(3, (int?)deleted["version"]);
    }

    [Fact]
    public async Task Created_updated_and_deleted_arrive_over_the_socket_from_rest_writes_with_secrets_masked()
    {
        await using var socket = await SubscribeToAllThreeAsync();

        var id = await _live.CreateAsync(new { name = "rest live", config = SecretConfig });
        await _live.UpdateAsync(id, new { name = "rest live 2" });
        await _live.DeleteAsync(id);

        await AssertLifecycleAsync(socket, id, "rest live", "rest live 2");
        socket.AssertNeverSent(Secrets);
    }

    [Fact]
    public async Task Created_updated_and_deleted_arrive_over_the_socket_from_graphql_mutations_over_http()
    {
        await using var socket = await SubscribeToAllThreeAsync();
        using var http = new GraphQLTestClient(server);

        var id = await http.CreateAsync(new { name = "http live", config = SecretConfig });
        var update = await http.PostAsync(
            "mutation($id: ID!) { updateConnector(input: {id: $id, name: \"http live 2\"}) { errors { __typename } connector { version } } }", new { id });
        Assert.Equal(2, (int?)update.Ok()["updateConnector"]!["connector"]!["version"]);
        var delete = await http.PostAsync("mutation($id: ID!) { deleteConnector(input: {id: $id}) { deletedId errors { __typename } } }", new { id });
        Assert.Equal(id, (string?)delete.Ok()["deleteConnector"]!["deletedId"]);

        await AssertLifecycleAsync(socket, id, "http live", "http live 2");
        socket.AssertNeverSent(Secrets);
    }

    [Fact]
    public async Task Created_updated_and_deleted_arrive_over_the_socket_from_mutations_sent_on_the_same_socket()
    {
        await using var socket = await SubscribeToAllThreeAsync();

        await socket.SubscribeAsync("create",
            "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id config } errors { __typename } } }",
            new { input = new { name = "socket live", config = SecretConfig } });
        var createPayload = (await socket.NextDataAsync("create"))["createConnector"]!;
        Assert.Null(createPayload["errors"]);
        AssertMasked(createPayload["connector"]!["config"]);
        var id = (string)createPayload["connector"]!["id"]!;
        await socket.NextMessageAsync("create", "complete");

        await socket.SubscribeAsync("update",
            "mutation($id: ID!) { updateConnector(input: {id: $id, name: \"socket live 2\"}) { connector { version } } }", new { id });
        Assert.Equal(2, (int?)(await socket.NextDataAsync("update"))["updateConnector"]!["connector"]!["version"]);
        await socket.NextMessageAsync("update", "complete");

        await socket.SubscribeAsync("delete", "mutation($id: ID!) { deleteConnector(input: {id: $id}) { deletedId } }", new { id });
        Assert.Equal(id, (string?)(await socket.NextDataAsync("delete"))["deleteConnector"]!["deletedId"]);
        await socket.NextMessageAsync("delete", "complete");

        await AssertLifecycleAsync(socket, id, "socket live", "socket live 2");
        socket.AssertNeverSent(Secrets);
    }

    [Fact]
    public async Task Updated_with_an_id_receives_only_that_connector()
    {
        var watched = await _live.CreateAsync(new { name = "watched" });
        var other = await _live.CreateAsync(new { name = "other" });
        await using var socket = await LiveSocket.ConnectAsync(server);
        await socket.SubscribeAsync("mine", UpdatedQuery, new { id = watched });
        await _live.WaitForSubscribersAsync(1);

        await _live.UpdateAsync(other, new { description = "not for you" });
        await _live.UpdateAsync(watched, new { description = "for you" });

        var evt = (await socket.NextDataAsync("mine"))["onConnectorUpdated"]!;
        Assert.Equal((watched, "for you"), ((string)evt["id"]!, (string)evt["description"]!));

        // The write to the other connector came first: had it been delivered, it would have come before.
        await socket.RoundTripAsync();
        Assert.True(socket.NothingPendingFor("mine"));
    }

    [Fact]
    public async Task Changed_with_where_reports_enter_stay_and_leave_over_the_socket_and_ignores_strangers()
    {
        var inside = await _live.CreateAsync(new { name = "db in", category = "database", config = SecretConfig });
        await using var socket = await LiveSocket.ConnectAsync(server);
        await socket.SubscribeAsync("changed",
            """subscription { onConnectorChanged(where: {category: {eq: "database"}}) { kind id version matches connector { id category config } } }""");
        await _live.WaitForSubscribersAsync(1);

        var outside = await _live.CreateAsync(new { name = "web out", category = "website", config = SecretConfig });
        await _live.UpdateAsync(inside, new { description = "still a database" });   // stay
        await _live.UpdateAsync(outside, new { category = "database" });             // enter
        await _live.UpdateAsync(inside, new { category = "website" });               // leave
        await _live.UpdateAsync(inside, new { description = "no longer watched" });  // stranger now
        var created = await _live.CreateAsync(new { name = "db new", category = "database" }); // enter by creation
        await _live.DeleteAsync(outside);                                                      // leave by deletion

        JsonNode Next(JsonNode data) => data["onConnectorChanged"]!;

        var stay = Next(await socket.NextDataAsync("changed"));
        Assert.Equal((inside, "UPDATED", true, 2), ((string)stay["id"]!, (string)stay["kind"]!, (bool)stay["matches"]!, (int)stay["version"]!));
        AssertMasked(stay["connector"]!["config"]);

        var enter = Next(await socket.NextDataAsync("changed"));
        Assert.Equal((outside, "UPDATED", true, 2), ((string)enter["id"]!, (string)enter["kind"]!, (bool)enter["matches"]!, (int)enter["version"]!));
        Assert.Equal("database", (string?)enter["connector"]!["category"]);
        AssertMasked(enter["connector"]!["config"]);

        var leave = Next(await socket.NextDataAsync("changed"));
        Assert.Equal((inside, "UPDATED", false, 3), ((string)leave["id"]!, (string)leave["kind"]!, (bool)leave["matches"]!, (int)leave["version"]!));
        Assert.Equal("website", (string?)leave["connector"]!["category"]);

        var born = Next(await socket.NextDataAsync("changed"));
        Assert.Equal((created, "CREATED", true), ((string)born["id"]!, (string)born["kind"]!, (bool)born["matches"]!));

        var gone = Next(await socket.NextDataAsync("changed"));
        Assert.Equal((outside, "DELETED", false), ((string)gone["id"]!, (string)gone["kind"]!, (bool)gone["matches"]!));
        Assert.Null(gone["connector"]);

        await socket.RoundTripAsync();
        Assert.True(socket.NothingPendingFor("changed"));
        socket.AssertNeverSent(Secrets);
    }

    [Fact]
    public async Task Concurrent_updates_to_one_connector_arrive_in_strictly_increasing_version_order()
    {
        const int Writes = 60;
        var hot = await _live.CreateAsync(new { name = "hot", config = SecretConfig });
        var cold = await _live.CreateAsync(new { name = "cold" });
        await using var socket = await LiveSocket.ConnectAsync(server);
        await socket.SubscribeAsync("hot", UpdatedQuery, new { id = hot });
        await socket.SubscribeAsync("all", UpdatedQuery);
        await socket.SubscribeAsync("changed", "subscription { onConnectorChanged { id version } }");
        await _live.WaitForSubscribersAsync(3);

        // Many writers at once, to two connectors; the write path decides the versions.
        await Task.WhenAll(Enumerable.Range(1, Writes).Select(i =>
            _live.UpdateAsync(i % 4 == 0 ? cold : hot, new { description = $"write {i}" })));
        var hotWrites = Enumerable.Range(1, Writes).Count(i => i % 4 != 0);

        var hotVersions = new List<int>();
        for (var i = 0; i < hotWrites; i++)
        {
            var evt = (await socket.NextDataAsync("hot"))["onConnectorUpdated"]!;
            Assert.Equal(hot, (string?)evt["id"]);
            AssertMasked(evt["config"]);
            hotVersions.Add((int)evt["version"]!);
        }

        Assert.Equal(Enumerable.Range(2, hotWrites), hotVersions);

        foreach (var (operation, field) in new[] { ("all", "onConnectorUpdated"), ("changed", "onConnectorChanged") })
        {
            var perConnector = new Dictionary<string, List<int>> { [hot] = [], [cold] = [] };
            for (var i = 0; i < Writes; i++)
            {
                var evt = (await socket.NextDataAsync(operation))[field]!;
                perConnector[(string)evt["id"]!].Add((int)evt["version"]!);
            }

            Assert.Equal(Enumerable.Range(2, hotWrites), perConnector[hot]);
            Assert.Equal(Enumerable.Range(2, Writes - hotWrites), perConnector[cold]);
        }

        socket.AssertNeverSent(Secrets);
    }

    [Fact]
    public async Task Twenty_subscriptions_on_one_socket_each_receive_every_event()
    {
        const int Subscriptions = 20;
        var id = await _live.CreateAsync(new { name = "popular", config = SecretConfig });
        await using var socket = await LiveSocket.ConnectAsync(server);
        var ids = Enumerable.Range(1, Subscriptions).Select(i => $"s{i}").ToList();
        for (var i = 0; i < Subscriptions; i++)
        {
            // Half by id, half through a filter, so two kinds of stream share the socket.
            if (i % 2 == 0)
            {
                await socket.SubscribeAsync(ids[i], UpdatedQuery, new { id });
            }
            else
            {
                await socket.SubscribeAsync(ids[i],
                    "subscription($id: String) { onConnectorUpdated: onConnectorChanged(where: {id: {eq: $id}}) { id version connector { config } } }",
                    new { id });
            }
        }

        await _live.WaitForSubscribersAsync(Subscriptions);
        await _live.UpdateAsync(id, new { description = "one" });
        await _live.UpdateAsync(id, new { description = "two" });

        foreach (var operation in ids)
        {
            for (var version = 2; version <= 3; version++)
            {
                var evt = (await socket.NextDataAsync(operation))["onConnectorUpdated"]!;
                Assert.Equal((id, version), ((string)evt["id"]!, (int)evt["version"]!));
                AssertMasked(evt["config"] ?? evt["connector"]!["config"]);
            }
        }

        socket.AssertNeverSent(Secrets);
    }

    [Fact]
    public async Task A_client_complete_stops_delivery_to_that_operation_only()
    {
        var id = await _live.CreateAsync(new { name = "stoppable" });
        await using var socket = await LiveSocket.ConnectAsync(server);
        await socket.SubscribeAsync("stopped", UpdatedQuery, new { id });
        await socket.SubscribeAsync("kept", UpdatedQuery, new { id });
        await _live.WaitForSubscribersAsync(2);

        await _live.UpdateAsync(id, new { description = "both see this" });
        Assert.Equal(2, (int?)(await socket.NextDataAsync("stopped"))["onConnectorUpdated"]!["version"]);
        Assert.Equal(2, (int?)(await socket.NextDataAsync("kept"))["onConnectorUpdated"]!["version"]);

        await socket.StopAsync("stopped");
        await _live.WaitForSubscribersAsync(1);

        await _live.UpdateAsync(id, new { description = "only kept sees this" });
        await _live.UpdateAsync(id, new { description = "and this" });
        Assert.Equal(3, (int?)(await socket.NextDataAsync("kept"))["onConnectorUpdated"]!["version"]);
        Assert.Equal(4, (int?)(await socket.NextDataAsync("kept"))["onConnectorUpdated"]!["version"]);

        // The server answers a client complete with silence: no event and no complete for the stopped operation.
        await socket.RoundTripAsync();
        Assert.True(socket.NothingPendingFor("stopped"), "the stopped operation still got messages");
    }

    [Fact]
    public async Task Closing_or_dropping_a_socket_releases_its_subscribers()
    {
        var baseline = _live.Subscribers;
        var id = await _live.CreateAsync(new { name = "released" });
        var sockets = new List<LiveSocket>();
        for (var s = 0; s < 3; s++)
        {
            var socket = await LiveSocket.ConnectAsync(server);
            sockets.Add(socket);
            await socket.SubscribeAsync("created", CreatedQuery);
            await socket.SubscribeAsync("updated", UpdatedQuery, new { id });
            await socket.SubscribeAsync("deleted", DeletedQuery);
            await socket.SubscribeAsync("changed", """subscription { onConnectorChanged(where: {name: {eq: "released"}}) { id } }""");
            await socket.SubscribeAsync("any", "subscription { onConnectorChanged { id } }");
        }

        await _live.WaitForSubscribersAsync(baseline + 15);

        // A clean close handshake.
        await sockets[0].Client.CloseAsync();
        await _live.WaitForSubscribersAsync(baseline + 10);

        // A client that vanishes without a close frame.
        sockets[1].Client.Socket.Abort();
        await _live.WaitForSubscribersAsync(baseline + 5);

        // The one still open keeps receiving.
        await _live.UpdateAsync(id, new { description = "still listening" });
        Assert.Equal(2, (int?)(await sockets[2].NextDataAsync("updated"))["onConnectorUpdated"]!["version"]);

        await sockets[2].Client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        await _live.WaitForSubscribersAsync(baseline);

        foreach (var socket in sockets)
        {
            await socket.DisposeAsync();
        }
    }
}
