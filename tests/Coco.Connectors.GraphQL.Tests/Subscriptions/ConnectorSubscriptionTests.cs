using System.Net;
using Coco.Connectors.Auth;
using Coco.Connectors.Server.Transport;
using Coco.Connectors.Tests.Infrastructure;
using GraphQL.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Subscriptions;

public sealed class ConnectorSubscriptionTests(CocoServer server) : IClassFixture<CocoServer>
{
    private readonly HttpClient _client = server.CreateHttpClient();

    private async Task<string> CreateAsync(string body)
    {
        var response = await _client.SendJsonAsync(HttpMethod.Post, "connector/", body);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (string)response.Object["_id"]!;
    }

    [Fact]
    public async Task Created_updated_and_deleted_events_follow_rest_writes_with_secrets_masked()
    {
        await using var created = await EventProbe.StartAsync(server, "subscription { onConnectorCreated { id name config } }");
        await using var updated = await EventProbe.StartAsync(server, "subscription { onConnectorUpdated { id name version config } }");
        await using var deleted = await EventProbe.StartAsync(server, "subscription { onConnectorDeleted { id version } }");

        var id = await CreateAsync("""{"name": "live", "config": {"token": "tok-live-1", "password": "pw-live"}}""");
        var createdEvent = await created.NextAsync();
        Assert.Equal(id, (string?)createdEvent["data"]!["onConnectorCreated"]!["id"]);
        Assert.Equal("******", (string?)createdEvent["data"]!["onConnectorCreated"]!["config"]!["token"]);
        Assert.DoesNotContain("tok-live-1", createdEvent.ToJsonString(), StringComparison.Ordinal);

        await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name": "live 2"}""");
        var updatedEvent = (await updated.NextAsync())["data"]!["onConnectorUpdated"]!;
        Assert.Equal("live 2", (string?)updatedEvent["name"]);
        Assert.Equal(2, (int?)updatedEvent["version"]);
        Assert.Equal("******", (string?)updatedEvent["config"]!["password"]);

        await _client.SendJsonAsync(HttpMethod.Delete, $"connector/{id}");
        var deletedEvent = (await deleted.NextAsync())["data"]!["onConnectorDeleted"]!;
        Assert.Equal(id, (string?)deletedEvent["id"]);
        Assert.Equal(3, (int?)deletedEvent["version"]);

        // Nothing else reached the created stream: the next event is a sentinel created after all of the above.
        var sentinel = await CreateAsync("""{"name": "sentinel"}""");
        Assert.Equal(sentinel, (string?)(await created.NextAsync())["data"]!["onConnectorCreated"]!["id"]);
    }

    [Fact]
    public async Task Updated_with_an_id_only_sees_that_connector_in_version_order()
    {
        var watched = await CreateAsync("""{"name": "watched"}""");
        var other = await CreateAsync("""{"name": "other"}""");
        await using var probe = await EventProbe.StartAsync(server,
            "subscription($id: ID) { onConnectorUpdated(id: $id) { id version name } }",
            new global::GraphQL.Inputs(new Dictionary<string, object?> { ["id"] = watched }));

        var writes = Enumerable.Range(1, 20).Select(i =>
            _client.SendJsonAsync(HttpMethod.Put, $"connector/{(i % 2 == 0 ? watched : other)}", $$"""{"description": "d{{i}}"}"""));
        await Task.WhenAll(writes);

        var versions = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            var evt = (await probe.NextAsync())["data"]!["onConnectorUpdated"]!;
            Assert.Equal(watched, (string?)evt["id"]);
            versions.Add((int)evt["version"]!);
        }

        Assert.Equal(Enumerable.Range(2, 10).ToList(), versions);

        // The other connector's updates never arrive: the next event is the watched one's sentinel update.
        await _client.SendJsonAsync(HttpMethod.Put, $"connector/{watched}", """{"description": "sentinel"}""");
        Assert.Equal(12, (int?)(await probe.NextAsync())["data"]!["onConnectorUpdated"]!["version"]);
    }

    [Fact]
    public async Task Changed_without_a_filter_reports_every_change_with_matches()
    {
        await using var probe = await EventProbe.StartAsync(server,
            "subscription { onConnectorChanged { kind id version matches connector { name config } } }");
        var id = await CreateAsync("""{"name": "any", "config": {"client_secret": "cs-any"}}""");
        await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name": "any 2"}""");
        await _client.SendJsonAsync(HttpMethod.Delete, $"connector/{id}");

        var created = (await probe.NextAsync())["data"]!["onConnectorChanged"]!;
        Assert.Equal("CREATED", (string?)created["kind"]);
        Assert.True((bool)created["matches"]!);
        Assert.Equal("******", (string?)created["connector"]!["config"]!["client_secret"]);
        var updated = (await probe.NextAsync())["data"]!["onConnectorChanged"]!;
        Assert.Equal("UPDATED", (string?)updated["kind"]);
        Assert.Equal("any 2", (string?)updated["connector"]!["name"]);
        var deleted = (await probe.NextAsync())["data"]!["onConnectorChanged"]!;
        Assert.Equal("DELETED", (string?)deleted["kind"]);
        Assert.False((bool)deleted["matches"]!);
        Assert.Null(deleted["connector"]);
        Assert.Equal(id, (string?)deleted["id"]);
    }

    [Fact]
    public async Task Changed_with_where_reports_enter_stay_and_leave_but_not_strangers()
    {
        var inside = await CreateAsync("""{"name": "db one", "category": "database", "tags": ["watch"]}""");
        await using var probe = await EventProbe.StartAsync(server,
            """subscription { onConnectorChanged(where: {category: {eq: "database"}, tags: {some: {eq: "watch"}}}) { kind id matches connector { category } } }""");

        var outside = await CreateAsync("""{"name": "web", "category": "website", "tags": ["watch"]}""");
        await _client.SendJsonAsync(HttpMethod.Put, $"connector/{inside}", """{"description": "still a database"}""");
        await _client.SendJsonAsync(HttpMethod.Put, $"connector/{outside}", """{"category": "database"}""");
        await _client.SendJsonAsync(HttpMethod.Put, $"connector/{inside}", """{"category": "website"}""");
        await _client.SendJsonAsync(HttpMethod.Put, $"connector/{inside}", """{"description": "no longer watched"}""");
        await _client.SendJsonAsync(HttpMethod.Delete, $"connector/{outside}");

        var stay = (await probe.NextAsync())["data"]!["onConnectorChanged"]!;
        Assert.Equal((inside, "UPDATED", true), ((string)stay["id"]!, (string)stay["kind"]!, (bool)stay["matches"]!));
        var enter = (await probe.NextAsync())["data"]!["onConnectorChanged"]!;
        Assert.Equal((outside, "UPDATED", true), ((string)enter["id"]!, (string)enter["kind"]!, (bool)enter["matches"]!));
        var leave = (await probe.NextAsync())["data"]!["onConnectorChanged"]!;
        Assert.Equal((inside, "UPDATED", false), ((string)leave["id"]!, (string)leave["kind"]!, (bool)leave["matches"]!));
        Assert.Equal("website", (string?)leave["connector"]!["category"]);
        var gone = (await probe.NextAsync())["data"]!["onConnectorChanged"]!;
        Assert.Equal((outside, "DELETED", false), ((string)gone["id"]!, (string)gone["kind"]!, (bool)gone["matches"]!));

        // The update of a connector that had left was not delivered: the next event is a matching sentinel.
        var sentinel = await CreateAsync("""{"name": "sentinel", "category": "database", "tags": ["watch"]}""");
        Assert.Equal(sentinel, (string?)(await probe.NextAsync())["data"]!["onConnectorChanged"]!["id"]);
    }

    [Fact]
    public async Task Changed_refuses_a_filter_on_config()
    {
        var runner = server.Services.GetRequiredService<GraphQLRunner>();
        await using var scope = server.Services.CreateAsyncScope();
        var result = await runner.ExecuteAsync(new GraphQLRequest { Query = """subscription { onConnectorChanged(where: {config: {eq: "x"}}) { id } }""" },
            scope.ServiceProvider, AllowedOperations.All, new Dictionary<string, object?> { [Caller.UserContextKey] = Caller.Anonymous }, CancellationToken.None);
        Assert.False(result.Executed);
        Assert.Contains(result.Errors!, e => e.Message.Contains("config", StringComparison.Ordinal));
    }
}
