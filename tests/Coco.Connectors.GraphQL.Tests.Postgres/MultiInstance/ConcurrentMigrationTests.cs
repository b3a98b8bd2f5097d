using System.Net;
using Coco.Connectors.Tests.Infrastructure;
using Npgsql;

namespace Coco.Connectors.Tests.Postgres.MultiInstance;

public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task Two_instances_starting_on_one_empty_database_migrate_and_seed_it_once()
    {
        using var database = await TestDatabase.CreatePostgresAsync(PostgresCluster.Shared, empty: true);
        using var a = new PostgresInstance(database);
        using var b = new PostgresInstance(database);

        await Task.WhenAll(Task.Run(a.StartedAsync), Task.Run(b.StartedAsync));

        foreach (var server in new[] { a, b })
        {
            using var client = server.CreateHttpClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode);
            var builtins = await client.GetJsonAsync("connector/_search?filter=builtin:true&size=100");
            Assert.Equal(26, (int)builtins.Object["hits"]!["total"]!["value"]!);
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var created = new NpgsqlCommand("SELECT count(*) FROM connector_changes WHERE kind = 'Created'", connection);
        Assert.Equal(26L, await created.ExecuteScalarAsync());
    }
}
