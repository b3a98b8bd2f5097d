using System.Net;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Coco.Connectors.Tests.FailingStorage;

/// <summary>
/// The database file goes away (or is replaced) under the running server, whose pooled connections still have the
/// old file open. A write is acknowledged only when it is in the file the server opens next.
/// </summary>
[Trait("Store", "SqliteOnly")] // SQLite files taken away, locked or filled; the PostgreSQL run has its own outage tests
public sealed class DeletedDatabaseFileTests
{
    [Fact]
    public async Task Writes_after_the_file_is_deleted_are_503_and_every_acknowledged_write_survives_a_restart()
    {
        var server = new CocoServer();
        var folder = Path.GetDirectoryName(server.DatabasePath)!;
        var acknowledged = new List<string>();
        using (var client = server.CreateHttpClient())
        using (var graphql = new GraphQLTestClient(server))
        {
            for (var i = 0; i < 5; i++)
            {
                acknowledged.Add(await CreateAsync(client, $"before {i}"));
            }

            Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("connector/github")).Status); // pooled connections hold the file

            foreach (var file in Directory.GetFiles(folder, "coco.db*"))
            {
                File.Delete(file); // rm data/coco.db*
            }

            for (var i = 0; i < 40; i++)
            {
                var target = acknowledged[i % 5];
                var response = (i % 4) switch
                {
                    0 => await client.SendJsonAsync(HttpMethod.Post, "connector/", $$"""{"name": "during {{i}}"}"""),
                    1 => await client.SendJsonAsync(HttpMethod.Put, $"connector/{target}", """{"name": "during"}"""),
                    2 => await client.SendJsonAsync(HttpMethod.Delete, $"connector/{target}"),
                    _ => await client.SendJsonAsync(HttpMethod.Put, "connector/github?replace=true", """{"name": "during"}"""),
                };
                StoreAssert.Refused(response, HttpStatusCode.ServiceUnavailable, "store_unavailable");
            }

            StoreAssert.GraphQLRefused(await graphql.PostAsync("mutation { createConnector(input: {name: \"during graphql\"}) { connector { id } } }"),
                "STORE_UNAVAILABLE");
            StoreAssert.Unhealthy(await client.GetJsonAsync("healthz"), "store_unavailable");
            StoreAssert.Refused(await client.GetJsonAsync("connector/github"), HttpStatusCode.ServiceUnavailable, "store_unavailable");
            Assert.False(File.Exists(server.DatabasePath), "the server must not start a new, empty store on its own");

            // What the server still had open was saved beside the path; putting it back is the recovery, no restart.
            var saved = Assert.Single(Directory.GetFiles(folder, "coco.db.recovered-*"));
            File.Move(saved, server.DatabasePath);
            acknowledged.Add(await CreateAsync(client, "after restore"));
            StoreAssert.Healthy(await client.GetJsonAsync("healthz"));
        }

        using var restarted = server.Restarted();
        server.Dispose();
        SqliteConnection.ClearAllPools();
        using var again = restarted.CreateHttpClient();
        foreach (var id in acknowledged)
        {
            var stored = await again.GetJsonAsync($"connector/{id}");
            Assert.Equal(HttpStatusCode.OK, stored.Status);
            Assert.Equal("\"1\"", stored.Raw.Headers.ETag?.Tag); // none of the refused updates or deletes landed
        }

        var during = await again.GetJsonAsync("connector/_search?query=during&size=0");
        Assert.Equal(0, (int)during.Object["hits"]!["total"]!["value"]!);
    }

    [Fact]
    public async Task A_database_renamed_over_the_open_one_takes_the_next_writes_without_a_restart()
    {
        var server = new CocoServer();
        var backup = server.DatabasePath + ".backup";
        var acknowledged = new List<string>();
        string lostToTheReplacement;
        using (var client = server.CreateHttpClient())
        {
            acknowledged.Add(await CreateAsync(client, "in the backup"));
            using (var source = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False"))
            using (var target = new SqliteConnection($"Data Source={backup};Pooling=False"))
            {
                source.Open();
                source.BackupDatabase(target);
            }

            lostToTheReplacement = await CreateAsync(client, "after the backup");
            Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("connector/github")).Status); // pooled connections hold the file

            // Restoring a backup the way SQLite requires: without the old file's WAL, renamed over the old file.
            File.Delete(server.DatabasePath + "-wal");
            File.Delete(server.DatabasePath + "-shm");
            File.Move(backup, server.DatabasePath, overwrite: true);

            for (var i = 0; i < 10; i++)
            {
                var response = await client.SendJsonAsync(HttpMethod.Post, "connector/", $$"""{"name": "after the restore {{i}}"}""");
                if (response.Status == HttpStatusCode.OK)
                {
                    acknowledged.Add((string)response.Object["_id"]!);
                }
                else
                {
                    StoreAssert.Refused(response, HttpStatusCode.ServiceUnavailable, "store_unavailable");
                }
            }

            Assert.True(acknowledged.Count >= 10, "after at most one refusal the writes go to the restored file");
        }

        using var restarted = server.Restarted();
        server.Dispose();
        SqliteConnection.ClearAllPools();
        using var again = restarted.CreateHttpClient();
        foreach (var id in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await again.GetJsonAsync($"connector/{id}")).Status);
        }

        // The operator's restore dropped it from the live file; the server kept the file it replaced, with it inside.
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetJsonAsync($"connector/{lostToTheReplacement}")).Status);
        var saved = Directory.GetFiles(Path.GetDirectoryName(server.DatabasePath)!, "coco.db.recovered-*");
        if (saved.Length > 0)
        {
            using var copy = new SqliteConnection($"Data Source={saved[0]};Mode=ReadOnly;Pooling=False");
            copy.Open();
            using var command = copy.CreateCommand();
            command.CommandText = "SELECT count(*) FROM connectors WHERE Id = $id";
            command.Parameters.AddWithValue("$id", lostToTheReplacement);
            Assert.Equal(1L, command.ExecuteScalar());
        }
    }

    private static async Task<string> CreateAsync(HttpClient client, string name)
    {
        var created = await client.SendJsonAsync(HttpMethod.Post, "connector/", $$"""{"name": "{{name}}"}""");
        Assert.True(created.Status == HttpStatusCode.OK, created.Text);
        return (string)created.Object["_id"]!;
    }
}
