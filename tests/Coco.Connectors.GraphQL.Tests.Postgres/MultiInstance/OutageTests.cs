using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Tests.Postgres.MultiInstance;

/// <summary>PostgreSQL goes away and comes back; each test has a cluster of its own to stop.</summary>
public sealed class OutageTests : IDisposable
{
    private readonly PostgresCluster _cluster = PostgresCluster.StartNew();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Unreachable_at_startup_logs_one_line_per_retry_and_starts_once_PostgreSQL_is_up()
    {
        using var database = await TestDatabase.CreatePostgresAsync(_cluster);
        _cluster.Stop();
        using var server = new PostgresInstance(database);
        var starting = Task.Run(server.StartedAsync);

        static bool IsRetry((LogLevel Level, string Category, string Text) line) => line.Text.Contains("is not reachable", StringComparison.Ordinal);
        await Eventually.TrueAsync(() => server.Log.Lines.Count(IsRetry) >= 3, "three retries are logged");
        Assert.False(starting.IsCompleted);
        var retries = server.Log.Lines.Where(IsRetry).ToList();
        Assert.All(retries, line =>
        {
            Assert.Equal(LogLevel.Warning, line.Level);
            Assert.DoesNotContain('\n', line.Text);
            Assert.Contains($"127.0.0.1:{_cluster.Port}", line.Text, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(server.Log.Lines, l => l.Level >= LogLevel.Error && l.Category.StartsWith("Coco", StringComparison.Ordinal));

        _cluster.Restart();
        await starting;
        using var client = server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(26, (int)(await client.GetJsonAsync("connector/_search?filter=builtin:true&size=100")).Object["hits"]!["total"]!["value"]!);
    }

    [Fact]
    public async Task A_restart_while_serving_answers_503_and_coded_GraphQL_errors_then_recovers_and_open_subscriptions_get_later_changes()
    {
        using var database = await TestDatabase.CreatePostgresAsync(_cluster);
        using var server = await new PostgresInstance(database).StartedAsync();
        using var live = new LiveServer(server);
        var id = await live.CreateAsync(new { name = "survivor", config = new { token = "tok-outage" } });
        await using var socket = await LiveSocket.ConnectAsync(server);
        await socket.SubscribeAsync("watch", $$$"""subscription { onConnectorChanged(where: {id: {eq: "{{{id}}}"}}) { kind version connector { name config } } }""");
        await live.WaitForSubscribersAsync(1);
        var http = live.Http;
        // The subscription is fully in place (its filter's first read done) once it delivers a change. The creation's
        // own event may reach it too: a write waits for its change to come back from PostgreSQL only for a while.
        await live.UpdateAsync(id, new { description = "before" });
        var first = (await socket.NextDataAsync("watch"))["onConnectorChanged"]!;
        if ((string?)first["kind"] == "CREATED")
        {
            Assert.Equal(1, (int)first["version"]!);
            first = (await socket.NextDataAsync("watch"))["onConnectorChanged"]!;
        }

        Assert.Equal(("UPDATED", 2), ((string?)first["kind"], (int)first["version"]!));

        _cluster.Stop();

        var rest = await http.GetJsonAsync($"connector/{id}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, rest.Status);
        Assert.Equal(503, (int)rest.Object["status"]!);
        Assert.Equal("store_unavailable", (string?)rest.Object["error"]!["type"]);
        var write = await http.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name": "lost?"}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.Status);
        var query = new JsonObject { ["query"] = $$"""{ connectorById(id: "{{id}}") { name } }""" };
        var graphql = await http.SendJsonAsync(HttpMethod.Post, "graphql", query.ToJsonString());
        Assert.Equal("STORE_UNAVAILABLE", (string?)graphql.Object["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain(server.Log.Lines, l => l.Level >= LogLevel.Error && l.Category.StartsWith("Coco", StringComparison.Ordinal));

        _cluster.Restart();
        await Eventually.TrueAsync(() => http.GetAsync(new Uri("healthz", UriKind.Relative)).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK, "/healthz is back");
        await Eventually.TrueAsync(() => http.GetJsonAsync($"connector/{id}").GetAwaiter().GetResult().Status == HttpStatusCode.OK, "reads are back");
        var stored = await server.StoredAsync(id);
        Assert.Equal("survivor", stored!.Name);

        await live.UpdateAsync(id, new { name = "after the restart" });
        var change = (await socket.NextDataAsync("watch"))["onConnectorChanged"]!;
        Assert.Equal(("UPDATED", 3, "after the restart"), ((string)change["kind"]!, (int)change["version"]!, (string)change["connector"]!["name"]!));
        Assert.Equal("******", (string?)change["connector"]!["config"]!["token"]);
        socket.AssertNeverSent("tok-outage");
    }
}
