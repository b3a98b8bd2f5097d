using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Audit;
using Coco.Connectors.Storage;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Audit;

/// <summary>
/// The audit log over the real server (both stores): every committed write recorded with its caller, kind, version
/// and request id, in the write's transaction; refused writes leave nothing; no secret is ever in it; read through
/// REST and GraphQL with <c>coco#connector/audit</c>, newest first, in bounded pages.
/// </summary>
public sealed class AuditLogTests(AuditServer server) : IClassFixture<AuditServer>
{
    private const string Secret = "ghp_audit-secret-value-0123456789";
    private const string OtherSecret = "hunter2-audit-password";

    [Fact]
    public async Task Every_REST_write_is_recorded_with_its_caller_kind_version_and_request_id_newest_first()
    {
        using var writer = Client(AuditServer.Writer);
        var created = await writer.SendJsonAsync(HttpMethod.Post, "/connector/", $$$"""{"name":"audited","config":{"token":"{{{Secret}}}"}}""");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = (string)created.Object["_id"]!;
        Assert.Equal(HttpStatusCode.OK, (await writer.SendJsonAsync(HttpMethod.Put, $"/connector/{id}", """{"description":"patched"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await writer.SendJsonAsync(HttpMethod.Put, $"/connector/{id}?replace=true",
            $$$"""{"name":"replaced","config":{"password":"{{{OtherSecret}}}"}}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await writer.SendJsonAsync(HttpMethod.Delete, $"/connector/{id}")).Status);

        var log = await RestAuditAsync($"connector_id={id}&size=5");
        var entries = log["entries"]!.AsArray();
        Assert.Equal(["deleted:4", "updated:3", "updated:2", "created:1"], entries.Select(e => $"{e!["kind"]}:{e["version"]}"));
        Assert.All(entries, e =>
        {
            Assert.Equal(AuditServer.WriterName, (string?)e!["caller"]);
            Assert.Equal(id, (string?)e["connector_id"]);
            Assert.False(string.IsNullOrEmpty((string?)e["request_id"]));
            Assert.EndsWith("+00:00", (string?)e["at"], StringComparison.Ordinal);
        });
        Assert.Equal(4, entries.Select(e => (string?)e!["request_id"]).Distinct().Count());
        Assert.True((long)entries[0]!["seq"]! > (long)entries[1]!["seq"]!);
        Assert.DoesNotContain(Secret, log.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(OtherSecret, log.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_GraphQL_mutation_is_recorded_the_same_way_and_read_through_auditLog()
    {
        using var writer = Client(AuditServer.Writer);
        var created = await GraphQLAsync(writer, $$"""mutation { createConnector(input: { name: "audited over GraphQL", config: { api_key: "{{Secret}}" } }) { connector { id } } }""");
        var id = (string)created["data"]!["createConnector"]!["connector"]!["id"]!;
        await GraphQLAsync(writer, $$"""mutation { updateConnector(input: { id: "{{id}}", description: "changed" }) { connector { version } } }""");
        await GraphQLAsync(writer, $$"""mutation { deleteConnector(input: { id: "{{id}}" }) { deletedId } }""");

        using var auditor = Client(AuditServer.Auditor);
        var log = await GraphQLAsync(auditor, $$"""{ auditLog(connectorId: "{{id}}") { nodes { kind version caller connectorId requestId at } pageInfo { hasNextPage } } }""");
        var nodes = log["data"]!["auditLog"]!["nodes"]!.AsArray();
        Assert.Equal(["DELETED:3", "UPDATED:2", "CREATED:1"], nodes.Select(n => $"{n!["kind"]}:{n["version"]}"));
        Assert.All(nodes, n =>
        {
            Assert.Equal(AuditServer.WriterName, (string?)n!["caller"]);
            Assert.Equal(id, (string?)n["connectorId"]);
            Assert.False(string.IsNullOrEmpty((string?)n["requestId"]));
        });
        Assert.False((bool)log["data"]!["auditLog"]!["pageInfo"]!["hasNextPage"]!);
        Assert.DoesNotContain(Secret, log.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_write_leaves_no_entry()
    {
        using var writer = Client(AuditServer.Writer);
        var id = await CreateAsync(writer);
        var before = await StoredEntriesAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await writer.SendJsonAsync(HttpMethod.Post, "/connector/", """{"name":""}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.SendJsonAsync(HttpMethod.Put, $"/connector/{id}", """{"name":42}""")).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await writer.SendJsonAsync(HttpMethod.Put, $"/connector/{id}", """{"description":"stale"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"7\""))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.SendJsonAsync(HttpMethod.Delete, "/connector/github")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.SendJsonAsync(HttpMethod.Delete, "/connector/no-such-connector")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await writer.SendJsonAsync(HttpMethod.Post, "/connector/", $$"""{"id":"{{id}}","name":"twice"}""")).Status);
        var refused = await GraphQLAsync(writer, """mutation { updateConnector(input: { id: "github", name: "" }) { errors { __typename } } }""");
        Assert.Equal("ValidationError", (string?)refused["data"]!["updateConnector"]!["errors"]![0]!["__typename"]);

        // A caller without the write permission is refused before the write path: nothing either.
        using var auditor = Client(AuditServer.Auditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.SendJsonAsync(HttpMethod.Post, "/connector/", """{"name":"not allowed"}""")).Status);

        Assert.Equal(before, await StoredEntriesAsync());
    }

    [Fact]
    public async Task No_secret_and_no_config_is_ever_stored_in_or_served_from_the_log()
    {
        using var writer = Client(AuditServer.Writer);
        var id = await CreateAsync(writer, $$$"""{"name":"secretive","url":"https://u:{{{OtherSecret}}}@db.example/x","config":{"token":"{{{Secret}}}","nested":{"password":"{{{OtherSecret}}}"},"plain":"visible-config-value"}}""");
        Assert.Equal(HttpStatusCode.OK, (await writer.SendJsonAsync(HttpMethod.Put, $"/connector/{id}", $$$"""{"config":{"token":"{{{Secret}}}-2"}}""")).Status);

        var stored = await StoredEntriesAsync();
        foreach (var leaked in new[] { Secret, OtherSecret, "visible-config-value", "secretive" })
        {
            Assert.DoesNotContain(leaked, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(leaked, (await RestAuditAsync($"connector_id={id}")).ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Contains(id, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_are_bounded_newest_first_and_walk_back_without_gaps_or_repeats()
    {
        using var writer = Client(AuditServer.Writer);
        var id = await CreateAsync(writer);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await writer.SendJsonAsync(HttpMethod.Put, $"/connector/{id}", $$"""{"description":"v{{i}}"}""")).Status);
        }

        // REST: default size 3, then `before=next` for the older ones.
        var versions = new List<int>();
        string query = $"connector_id={id}";
        while (true)
        {
            var page = await RestAuditAsync(query);
            Assert.InRange(page["entries"]!.AsArray().Count, 1, 3);
            versions.AddRange(page["entries"]!.AsArray().Select(e => (int)e!["version"]!));
            if (page["next"] is null)
            {
                break;
            }

            query = $"connector_id={id}&before={(long)page["next"]!}";
        }

        Assert.Equal([7, 6, 5, 4, 3, 2, 1], versions);

        // GraphQL: first/after with cursors.
        using var auditor = Client(AuditServer.Auditor);
        var graphVersions = new List<int>();
        string? after = null;
        while (true)
        {
            var page = (await GraphQLAsync(auditor, $$"""{ auditLog(connectorId: "{{id}}", first: 2{{(after is null ? "" : $", after: \"{after}\"")}}) { edges { cursor node { version } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"""))["data"]!["auditLog"]!;
            graphVersions.AddRange(page["edges"]!.AsArray().Select(e => (int)e!["node"]!["version"]!));
            Assert.Equal(after is not null, (bool)page["pageInfo"]!["hasPreviousPage"]!);
            if (!(bool)page["pageInfo"]!["hasNextPage"]!)
            {
                break;
            }

            after = (string)page["pageInfo"]!["endCursor"]!;
        }

        Assert.Equal([7, 6, 5, 4, 3, 2, 1], graphVersions);
    }

    [Theory]
    [InlineData("size=6")]
    [InlineData("size=-1")]
    [InlineData("size=0")]
    [InlineData("size=abc")]
    [InlineData("before=x")]
    [InlineData("size=99999999999")]
    [InlineData("size=-99999999999")]
    [InlineData("connector_id=has%20space")]
    [InlineData("size=1&size=2")]
    public async Task Bad_REST_parameters_are_a_400_in_Cocos_envelope(string query)
    {
        using var auditor = Client(AuditServer.Auditor);
        var response = await auditor.GetJsonAsync("/connector/_audit?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("bad_request", (string?)response.Object["error"]!["type"]);
    }

    [Theory]
    [InlineData("first: 6", "HC0051")]
    [InlineData("first: -1", AuditLog.EmptyPageCode)]
    [InlineData("first: -2147483648", AuditLog.EmptyPageCode)]
    [InlineData("after: \"bm90LWEtY3Vyc29y\"", "HC0078")]
    [InlineData("after: \"%%%\"", "HC0078")]
    [InlineData("first: 0", AuditLog.EmptyPageCode)]
    [InlineData("connectorId: \"has space\"", AuditLog.InvalidConnectorIdCode)]
    [InlineData("connectorId: \"\"", AuditLog.InvalidConnectorIdCode)]
    public async Task Bad_GraphQL_arguments_are_errors_with_a_code(string arguments, string code)
    {
        using var auditor = Client(AuditServer.Auditor);
        var response = await GraphQLAsync(auditor, $$"""{ auditLog({{arguments}}) { nodes { kind } } }""", expectErrors: true);
        Assert.Equal(code, (string?)response["errors"]![0]!["extensions"]!["code"]);
        Assert.Null(response["data"]);
    }

    [Theory]
    [InlineData("size=0", "first: 0", "must be from 1 to 5 (was 0).")]
    [InlineData("size=-1", "first: -1", "must be from 1 to 5 (was -1).")]
    [InlineData("size=6", "first: 6", "must be from 1 to 5 (was 6).")]
    [InlineData("connector_id=has%20space", "connectorId: \"has space\"", "is not a connector id")]
    public async Task REST_and_GraphQL_refuse_the_same_requests_for_the_same_reason(string rest, string graphql, string reason)
    {
        using var auditor = Client(AuditServer.Auditor);
        var refused = await auditor.GetJsonAsync("/connector/_audit?" + rest);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(reason, (string?)refused.Object["error"]!["reason"], StringComparison.Ordinal);
        var response = await GraphQLAsync(auditor, $$"""{ auditLog({{graphql}}) { nodes { kind } } }""", expectErrors: true);
        Assert.Contains(reason, (string?)response["errors"]![0]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeded_built_ins_are_recorded_as_the_server_s_own_writes()
    {
        using var auditor = Client(AuditServer.Auditor);
        var entries = (await RestAuditAsync("connector_id=github"))["entries"]!.AsArray();
        var seeded = entries[^1]!;
        Assert.Equal("created", (string?)seeded["kind"]);
        Assert.Equal("system", (string?)seeded["caller"]);
        Assert.Null(seeded["request_id"]);
    }

    [Fact]
    public async Task Pruning_deletes_only_the_entries_older_than_the_retention()
    {
        using var writer = Client(AuditServer.Writer);
        var oldId = await CreateAsync(writer);
        var newId = await CreateAsync(writer);
        var factory = server.Services.GetRequiredService<IDbContextFactory<CocoDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var longAgo = DateTime.UtcNow - TimeSpan.FromDays(500);
            await db.AuditEntries.Where(e => e.ConnectorId == oldId).ExecuteUpdateAsync(s => s.SetProperty(e => e.At, longAgo));
        }

        var pruned = await server.Services.GetRequiredService<AuditLog>().PruneAsync(DateTime.UtcNow, default);
        Assert.True(pruned >= 1);
        Assert.Empty((await RestAuditAsync($"connector_id={oldId}"))["entries"]!.AsArray());
        Assert.Single((await RestAuditAsync($"connector_id={newId}"))["entries"]!.AsArray());
    }

    private HttpClient Client(string token)
    {
        var client = server.CreateAnonymousHttpClient();
        client.DefaultRequestHeaders.Add("X-API-TOKEN", token);
        return client;
    }

    private static async Task<string> CreateAsync(HttpClient writer, string body = """{"name":"audit target"}""")
    {
        var created = await writer.SendJsonAsync(HttpMethod.Post, "/connector/", body);
        Assert.True(created.Status == HttpStatusCode.OK, created.Text);
        return (string)created.Object["_id"]!;
    }

    private async Task<JsonObject> RestAuditAsync(string query)
    {
        using var auditor = Client(AuditServer.Auditor);
        var response = await auditor.GetJsonAsync("/connector/_audit?" + query);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Object;
    }

    private static async Task<JsonObject> GraphQLAsync(HttpClient client, string document, bool expectErrors = false)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, "/graphql", new JsonObject { ["query"] = document }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.Status);
        if (!expectErrors)
        {
            Assert.Null(response.Object["errors"]);
        }

        return response.Object;
    }

    /// <summary>Every stored audit row, every column, as text: what a look at the table would show.</summary>
    private async Task<string> StoredEntriesAsync()
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<CocoDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var rows = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
        return string.Join('\n', rows.Select(e => $"{e.Seq}|{e.At:O}|{e.Caller}|{e.ConnectorId}|{e.Kind}|{e.Version}|{e.RequestId}"));
    }
}
