using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Changes;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Audit;

/// <summary>
/// An update that changes nothing (an empty merge patch, the stored values sent again, a replace with the same
/// document; REST and GraphQL) answers as an update but writes nothing: the version, <c>updated</c> and the ETag stay,
/// no audit entry is written and no event is published. Version checks still apply to it.
/// </summary>
public sealed class NoOpUpdateTests(AuditServer server) : IClassFixture<AuditServer>
{
    private const string UpdatedQuery = "subscription($id: ID) { onConnectorUpdated(id: $id) { id version } }";

    [Fact]
    public async Task An_update_that_changes_nothing_keeps_the_version_and_is_neither_audited_nor_published()
    {
        using var writer = Client(AuditServer.Writer);
        var created = await writer.SendJsonAsync(HttpMethod.Post, "/connector/",
            """{"name":"unchanged","description":"first","tags":["a","b"],"config":{"client_secret":"s3cr3t-noop","depth":2}}""");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = (string)created.Object["_id"]!;

        await using var socket = await LiveSocket.ConnectAsync(server);
        await socket.SubscribeAsync("updates", UpdatedQuery, new { id });
        await Eventually.TrueAsync(() => server.Services.GetRequiredService<ConnectorEventDispatcher>().SubscriberCount == 1, "the subscription is live");
        Assert.Equal(HttpStatusCode.OK, (await writer.SendJsonAsync(HttpMethod.Put, $"/connector/{id}", """{"description":"same"}""")).Status);
        Assert.Equal(2, (int)(await socket.NextDataAsync("updates"))["onConnectorUpdated"]!["version"]!);

        var before = (await server.StoredAsync(id))!;
        string[] noOps =
        [
            "{}",
            """{"description":"same","tags":["a","b"]}""",
            """{"config":{"client_secret":"******","depth":2}}""",
            """{"config":{"depth":2,"client_secret":"s3cr3t-noop"}}""",
        ];
        foreach (var body in noOps)
        {
            var put = await writer.SendJsonAsync(HttpMethod.Put, $"/connector/{id}", body);
            Assert.Equal(HttpStatusCode.OK, put.Status);
            Assert.Equal("updated", (string?)put.Object["result"]);
            Assert.Equal($"\"{before.Version}\"", put.Raw.Headers.ETag?.ToString());
        }

        // A replace with the document as stored (secrets as the mask) changes nothing either.
        var document = (await writer.GetJsonAsync($"/connector/{id}")).Object["_source"]!.AsObject();
        var replaced = await writer.SendJsonAsync(HttpMethod.Put, $"/connector/{id}?replace=true", document.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, replaced.Status);

        var viaGraphQL = await writer.SendJsonAsync(HttpMethod.Post, "/graphql", new JsonObject
        {
            ["query"] = $$"""mutation { updateConnector(input: { id: "{{id}}", description: "same", expectedVersion: {{before.Version}} }) { connector { version updated } errors { __typename } } }""",
        }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, viaGraphQL.Status);
        var payload = viaGraphQL.Object["data"]!["updateConnector"]!;
        Assert.Null(payload["errors"]);
        Assert.Equal(before.Version, (int)payload["connector"]!["version"]!);

        // A stale version is still refused, change or not.
        var stale = await writer.SendJsonAsync(HttpMethod.Put, $"/connector/{id}", "{}",
            r => r.Headers.TryAddWithoutValidation("If-Match", $"\"{before.Version + 5}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);

        var after = (await server.StoredAsync(id))!;
        Assert.Equal((before.Version, before.Updated, before.Description), (after.Version, after.Updated, after.Description));
        Assert.Equal("s3cr3t-noop", (string?)after.Config!["client_secret"]);
        var log = await AuditAsync(id);
        Assert.Equal(before.Version, (int)log[0]!["version"]!);
        Assert.Equal(before.Version, log.Count); // created, then one entry per real change

        // The next real change is the next event: nothing was published for the writes that changed nothing.
        Assert.Equal(HttpStatusCode.OK, (await writer.SendJsonAsync(HttpMethod.Put, $"/connector/{id}", """{"description":"changed at last"}""")).Status);
        Assert.Equal(before.Version + 1, (int)(await socket.NextDataAsync("updates"))["onConnectorUpdated"]!["version"]!);
    }

    private async Task<JsonArray> AuditAsync(string id)
    {
        using var auditor = Client(AuditServer.Auditor);
        var entries = new JsonArray();
        string? next = null;
        do
        {
            var page = await auditor.GetJsonAsync($"/connector/_audit?connector_id={id}&size={AuditServer.MaxPageSize}{(next is null ? "" : $"&before={next}")}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            foreach (var entry in page.Object["entries"]!.AsArray())
            {
                entries.Add(entry!.DeepClone());
            }

            next = page.Object["next"]?.ToString();
        }
        while (next is not null);
        return entries;
    }

    private HttpClient Client(string token)
    {
        var client = server.CreateAnonymousHttpClient();
        client.DefaultRequestHeaders.Add("X-API-TOKEN", token);
        return client;
    }
}
