using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;
using Coco.Connectors.Tests.Transport.Streaming;
using Npgsql;

namespace Coco.Connectors.Tests.Postgres.MultiInstance;

/// <summary>Two server instances, A and B, on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class CrossInstanceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private PostgresInstance _a = null!;
    private PostgresInstance _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreatePostgresAsync(PostgresCluster.Shared);
        _a = await new PostgresInstance(_database).StartedAsync();
        _b = await new PostgresInstance(_database).StartedAsync();
    }

    public Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_subscriber_on_B_receives_REST_and_GraphQL_writes_made_on_A_masked_and_in_order()
    {
        await using var socket = await LiveSocket.ConnectAsync(_b);
        await socket.SubscribeAsync("all", "subscription { onConnectorChanged { kind id version connector { name config } } }");
        using var live = new LiveServer(_b);
        await live.WaitForSubscribersAsync(1);
        using var a = _a.CreateHttpClient();

        var created = await a.SendJsonAsync(HttpMethod.Post, "connector/", """{"name": "cross", "config": {"token": "tok-cross-1", "repos": ["x"]}}""");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = (string)created.Object["_id"]!;
        var first = await socket.NextDataAsync("all");
        AssertEvent(first, "CREATED", id, 1, "cross");

        Assert.Equal(HttpStatusCode.OK, (await a.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name": "cross 2"}""")).Status);
        AssertEvent(await socket.NextDataAsync("all"), "UPDATED", id, 2, "cross 2");

        var mutation = new JsonObject
        {
            ["query"] = "mutation($id: ID!) { updateConnector(input: {id: $id, name: \"cross 3\"}) { connector { version } } }",
            ["variables"] = new JsonObject { ["id"] = id },
        };
        var graphql = await a.SendJsonAsync(HttpMethod.Post, "graphql", mutation.ToJsonString());
        Assert.Equal(3, (int)graphql.Object["data"]!["updateConnector"]!["connector"]!["version"]!);
        AssertEvent(await socket.NextDataAsync("all"), "UPDATED", id, 3, "cross 3");

        Assert.Equal(HttpStatusCode.OK, (await a.SendJsonAsync(HttpMethod.Delete, $"connector/{id}")).Status);
        var deleted = await socket.NextDataAsync("all");
        Assert.Equal(("DELETED", 4), ((string)deleted["onConnectorChanged"]!["kind"]!, (int)deleted["onConnectorChanged"]!["version"]!));
        socket.AssertNeverSent("tok-cross-1");
    }

    [Fact]
    public async Task A_burst_of_writes_on_A_reaches_B_complete_and_in_version_order_even_when_Bs_listener_connection_is_killed()
    {
        using var a = new LiveServer(_a);
        // Watched by a name of its own from before its creation: the creation travels from A to B at its own pace, so a
        // subscription started after it could get its event or not.
        var name = "burst " + Guid.NewGuid().ToString("N");
        await using var probe = await EventProbe.StartAsync(_b, $$$"""subscription { onConnectorChanged(where: {name: {eq: "{{{name}}}"}}) { kind version } }""");
        var id = await a.CreateAsync(new { name });
        var creation = (await probe.NextAsync())["data"]!["onConnectorChanged"]!;
        Assert.Equal(("CREATED", 1), ((string?)creation["kind"], (int)creation["version"]!));

        const int writes = 60;
        var killedPid = _b.Listener.BackendProcessId;
        Assert.NotEqual(0, killedPid);
        var writer = Task.Run(async () =>
        {
            for (var i = 1; i <= writes; i++)
            {
                await a.UpdateAsync(id, new { description = $"write {i}" });
                if (i == writes / 3)
                {
                    await PostgresCluster.Shared.ExecuteAsync($"SELECT pg_terminate_backend({killedPid})");
                }
            }
        });
        await writer;

        var versions = new List<int>();
        while (versions.Count < writes)
        {
            var change = (await probe.NextAsync())["data"]!["onConnectorChanged"]!;
            Assert.Equal("UPDATED", (string?)change["kind"]);
            versions.Add((int)change["version"]!);
        }

        Assert.Equal(Enumerable.Range(2, writes), versions);
        Assert.NotEqual(killedPid, _b.Listener.BackendProcessId);
        Assert.Contains(_b.Log.Lines, l => l.Text.Contains("change listener lost PostgreSQL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_writers_on_two_instances_never_lose_an_update_and_If_Match_conflicts_are_detected()
    {
        using var a = _a.CreateHttpClient();
        using var b = _b.CreateHttpClient();
        var id = (string)(await a.SendJsonAsync(HttpMethod.Post, "connector/", """{"name": "contended"}""")).Object["_id"]!;

        // Without If-Match every write lands on top of the others: 40 writes, 40 distinct versions 2..41.
        var puts = Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? a : b).SendJsonAsync(HttpMethod.Put, $"connector/{id}", $$"""{"description": "writer {{i}}"}"""));
        var results = await Task.WhenAll(puts);
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(Enumerable.Range(2, 40), results.Select(r => int.Parse(r.Raw.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal(41, (await _b.StoredAsync(id))!.Version);

        // Both instances claim the same version at once: exactly one wins, the other gets 412.
        for (var round = 0; round < 5; round++)
        {
            var version = (await _a.StoredAsync(id))!.Version;
            var pair = await Task.WhenAll(
                // Names new each round: a write that changes nothing is not a write, and would not conflict.
                a.SendJsonAsync(HttpMethod.Put, $"connector/{id}", $$"""{"name": "from A {{round}}"}""", r => r.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"")),
                b.SendJsonAsync(HttpMethod.Put, $"connector/{id}", $$"""{"name": "from B {{round}}"}""", r => r.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"")));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], pair.Select(r => r.Status).Order());
            Assert.Equal(version + 1, (await _b.StoredAsync(id))!.Version);
        }
    }

    [Fact]
    public async Task Counts_read_on_B_reflect_every_write_committed_on_A_at_once_although_B_caches_them()
    {
        using var a = _a.CreateHttpClient();
        using var b = _b.CreateHttpClient();
        async Task<(int Total, int Wombats)> CountsOnBAsync()
        {
            var body = new JsonObject { ["query"] = "{ connectors(first: 1, query: \"wombat\") { totalCount } connectorCategories { category count } }" };
            var data = (await b.SendJsonAsync(HttpMethod.Post, "graphql", body.ToJsonString())).Object["data"]!;
            var wombats = data["connectorCategories"]!.AsArray().Where(c => (string?)c!["category"] == "wombats").Select(c => (int)c!["count"]!).SingleOrDefault();
            return ((int)data["connectors"]!["totalCount"]!, wombats);
        }

        Assert.Equal((0, 0), await CountsOnBAsync());
        Assert.Equal((0, 0), await CountsOnBAsync()); // now answered from B's count cache
        var ids = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var created = await a.SendJsonAsync(HttpMethod.Post, "connector/", $$"""{"name": "wombat {{i}}", "category": "wombats"}""");
            ids.Add((string)created.Object["_id"]!);
            // No waiting for B to hear of it: the cache is keyed by the snapshot, which A's commit moved.
            Assert.Equal((i, i), await CountsOnBAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await a.SendJsonAsync(HttpMethod.Put, $"connector/{ids[0]}", """{"category": "numbats"}""")).Status);
        Assert.Equal((3, 2), await CountsOnBAsync());
        Assert.Equal(HttpStatusCode.OK, (await a.SendJsonAsync(HttpMethod.Delete, $"connector/{ids[1]}")).Status);
        Assert.Equal((2, 1), await CountsOnBAsync());
        Assert.Equal(HttpStatusCode.OK, (await a.SendJsonAsync(HttpMethod.Delete, $"connector/{ids[2]}")).Status);
        Assert.Equal((1, 0), await CountsOnBAsync()); // a category whose count reached zero is not listed
    }

    [Fact]
    public async Task Old_change_rows_are_pruned_on_schedule()
    {
        using var pruning = await new PostgresInstance(_database, new Dictionary<string, string>
        {
            ["Storage:Postgres:ChangeRetention"] = "00:00:00",
            ["Storage:Postgres:PruneInterval"] = "00:00:00.200",
        }).StartedAsync();
        using var live = new LiveServer(pruning);
        await live.CreateAsync(new { name = "short-lived change" });

        await Eventually.TrueAsync(() => CountChangeRows() == 0, "every change row is pruned");
    }

    private long CountChangeRows()
    {
        using var connection = new NpgsqlConnection(_database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM connector_changes", connection);
        return (long)command.ExecuteScalar()!;
    }

    private static void AssertEvent(JsonNode data, string kind, string id, int version, string name)
    {
        var change = data["onConnectorChanged"]!;
        Assert.Equal((kind, id, version), ((string)change["kind"]!, (string)change["id"]!, (int)change["version"]!));
        Assert.Equal(name, (string?)change["connector"]!["name"]);
        Assert.Equal("******", (string?)change["connector"]!["config"]!["token"]);
    }
}
