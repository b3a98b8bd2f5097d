using System.Net;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Coco.Connectors.Tests.FailingStorage;

/// <summary>Another connection holds SQLite's write lock (<c>BEGIN IMMEDIATE</c>) on the server's file.</summary>
[Trait("Store", "SqliteOnly")] // SQLite files taken away, locked or filled; the PostgreSQL run has its own outage tests
public sealed class LockedDatabaseTests
{
    [Fact]
    public async Task Writes_are_503_within_the_busy_timeout_reads_go_on_and_writes_resume_when_the_lock_goes()
    {
        using var server = new StoreFailureServer();
        using var client = server.CreateHttpClient();
        using var graphql = new GraphQLTestClient(server);
        var created = await client.SendJsonAsync(HttpMethod.Post, "connector/", """{"name": "target"}""");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = (string)created.Object["_id"]!;
        var before = await server.SnapshotAsync();

        using (var holder = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False"))
        {
            holder.Open();
            Execute(holder, "BEGIN IMMEDIATE");

            var create = await client.SendJsonAsync(HttpMethod.Post, "connector/", """{"name": "while locked"}""");
            StoreAssert.Refused(create, HttpStatusCode.ServiceUnavailable, "store_busy");
            Assert.NotNull(create.Raw.Headers.RetryAfter);

            // Two writers on one connector: the second waits behind the first in this process, and is bounded too.
            var updates = await Task.WhenAll(
                client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name": "first"}"""),
                client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name": "second"}"""));
            Assert.All(updates, u => StoreAssert.Refused(u, HttpStatusCode.ServiceUnavailable, "store_busy"));

            StoreAssert.GraphQLRefused(
                await graphql.PostAsync($$"""mutation { updateConnector(input: {id: "{{id}}", name: "graphql"}) { connector { id } } }"""),
                "STORE_BUSY");
            StoreAssert.Unhealthy(await client.GetJsonAsync("healthz"), "store_busy");

            Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"connector/{id}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("connector/_search?query=target")).Status);
            Assert.Equal("target", (await graphql.PostAsync($$"""{ connectorById(id: "{{id}}") { name } }""")).Ok()["connectorById"]!["name"]!.GetValue<string>());

            Execute(holder, "ROLLBACK");
        }

        Assert.Equal(before, await server.SnapshotAsync());
        StoreAssert.Healthy(await client.GetJsonAsync("healthz"));
        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name": "after"}""")).Status);
        Assert.Equal("after", (await server.StoredAsync(id))!.Name);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
