using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.FailingStorage;

/// <summary>The database file can grow no more (its size limit stands in for a full disk: SQLITE_FULL either way).</summary>
[Trait("Store", "SqliteOnly")] // SQLite files taken away, locked or filled; the PostgreSQL run has its own outage tests
public sealed class FullDatabaseTests
{
    [Fact]
    public async Task Writes_are_507_reads_go_on_and_writes_resume_when_there_is_room()
    {
        using var server = new StoreFailureServer();
        using var client = server.CreateHttpClient();
        using var graphql = new GraphQLTestClient(server);
        var small = await client.SendJsonAsync(HttpMethod.Post, "connector/", """{"name": "small"}""");
        Assert.Equal(HttpStatusCode.OK, small.Status);
        var big = new JsonObject { ["name"] = "big", ["config"] = new JsonObject { ["notes"] = new string('x', 200_000) } }.ToJsonString();
        StoreAssert.Healthy(await client.GetJsonAsync("healthz"));
        var before = await server.SnapshotAsync();

        server.FillToCurrentSize();
        StoreAssert.Refused(await client.SendJsonAsync(HttpMethod.Post, "connector/", big), HttpStatusCode.InsufficientStorage, "store_full");
        StoreAssert.GraphQLRefused(await graphql.PostAsync(
            "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id } } }",
            new { input = new { name = "big", config = new { notes = new string('x', 200_000) } } }), "STORE_FULL");
        StoreAssert.Unhealthy(await client.GetJsonAsync("healthz"), "store_full");
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"connector/{small.Object["_id"]}")).Status);
        Assert.Equal(before, await server.SnapshotAsync());

        server.MakeRoom();
        StoreAssert.Healthy(await client.GetJsonAsync("healthz"));
        var created = await client.SendJsonAsync(HttpMethod.Post, "connector/", big);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(200_000, (await server.StoredAsync((string)created.Object["_id"]!))!.Config!["notes"]!.GetValue<string>().Length);
    }
}
