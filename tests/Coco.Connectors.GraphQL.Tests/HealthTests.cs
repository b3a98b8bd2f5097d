using System.Net;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Coco.Connectors.Tests;

public sealed class HealthTests
{
    [Fact]
    [Trait("Store", "SqliteOnly")] // takes the SQLite file away; the PostgreSQL run stops the server instead
    public async Task Healthz_answers_ok_when_the_store_is_reachable_and_503_when_it_is_not()
    {
        using var server = new CocoServer();
        using var client = server.CreateHttpClient();
        var response = await client.GetAsync(new Uri("healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ok", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The store goes away under the running server: its file becomes a folder SQLite cannot open.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(server.DatabasePath)!))
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(server.DatabasePath);
        var down = await client.GetAsync(new Uri("healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("unavailable", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
