using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;
using Coco.Connectors.Tests.Transport.Streaming;

namespace Coco.Connectors.Tests.Secrets;

/// <summary>
/// The second pass of the secret policy over real HTTP (hostile-input issue, item 11): the credential names users
/// write and the passwords in URLs never leave the server on any read path, counts and flags stay readable, and the
/// connector's own url cannot be used to find its password through filters, sorts or cursors.
/// </summary>
public class SecretCoverageTests(CocoServer server) : IClassFixture<CocoServer>, IAsyncLifetime
{
    // Every secret value holds this marker, so one assertion per response covers them all.
    private const string Marker = "QZX";
    private const string TopUrl = $"https://user:{Marker}top-pw@example.com/wiki";
    private const string MaskedTopUrl = "https://user:******@example.com/wiki";

    private static readonly string[] SecretKeys =
    [
        "secret_key", "pwd", "passphrase", "pass", "pin", "otp_seed", "session_key", "sessionid", "cookie", "Authorization",
        "bearer", "jwt", "ssh_key", "signing_key", "encryption_key", "master_key", "client_key", "app_key", "private_key_id",
        "sas", "credentials_json", "secret_value", "secretValue", "webhook_url",
    ];

    private static readonly (string Key, string Url, string Masked)[] Urls =
    [
        ("url", $"postgres://u:{Marker}1@h/db", "postgres://u:******@h/db"),
        ("database_url", $"postgres://u:{Marker}2@db.example.com:5432/coco?sslmode=require", "postgres://u:******@db.example.com:5432/coco?sslmode=require"),
        ("mongo_uri", $"mongodb+srv://admin:{Marker}3@cluster0.example.net/", "mongodb+srv://admin:******@cluster0.example.net/"),
        ("jdbc_url", $"jdbc:postgresql://u:{Marker}4@h:5432/db", "jdbc:postgresql://u:******@h:5432/db"),
        ("proxy", $"http://proxy-user:{Marker}5@proxy.local:3128", "http://proxy-user:******@proxy.local:3128"),
    ];

    private readonly LiveServer _live = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _live.Dispose();
        return Task.CompletedTask;
    }

    private static JsonObject Config()
    {
        var config = new JsonObject();
        foreach (var key in SecretKeys)
        {
            config[key] = $"{Marker}-{key}";
        }

        config["pin"] = 4321; // a secret that is not a string
        config["headers"] = new JsonObject { ["Authorization"] = $"Bearer {Marker}-header", ["Accept"] = "application/json" };
        foreach (var (key, url, _) in Urls)
        {
            config[key] = url;
        }

        config["max_tokens"] = 1000;
        config["use_oauth"] = true;
        config["token_url"] = "https://oauth2.googleapis.com/token";
        config["project_key"] = "PROJ";
        return config;
    }

    private async Task<string> CreateAsync(string name)
    {
        var body = new JsonObject { ["name"] = name, ["url"] = TopUrl, ["config"] = Config() };
        var created = await _live.Http.SendJsonAsync(HttpMethod.Post, "connector/", body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (string)created.Object["_id"]!;
    }

    private static void AssertMasked(string text, JsonNode config, string? url)
    {
        Assert.DoesNotContain(Marker, text, StringComparison.Ordinal);
        foreach (var key in SecretKeys)
        {
            Assert.Equal("******", (string?)config[key]);
        }

        Assert.Equal("******", (string?)config["headers"]!["Authorization"]);
        Assert.Equal("application/json", (string?)config["headers"]!["Accept"]);
        foreach (var (key, _, masked) in Urls)
        {
            Assert.Equal(masked, (string?)config[key]);
        }

        Assert.Equal(1000, (int)config["max_tokens"]!);
        Assert.True((bool)config["use_oauth"]!);
        Assert.Equal("https://oauth2.googleapis.com/token", (string?)config["token_url"]);
        Assert.Equal("PROJ", (string?)config["project_key"]);
        Assert.Equal(MaskedTopUrl, url);
    }

    [Fact]
    public async Task REST_get_and_search_mask_every_credential_name_and_URL_password()
    {
        var id = await CreateAsync("coverage rest");

        var got = await _live.Http.GetJsonAsync($"connector/{id}");
        AssertMasked(got.Text, got.Object["_source"]!["config"]!, (string?)got.Object["_source"]!["url"]);

        var search = await _live.Http.GetJsonAsync("connector/_search?query=coverage%20rest");
        var hit = Assert.Single(search.Object["hits"]!["hits"]!.AsArray())!;
        AssertMasked(search.Text, hit["_source"]!["config"]!, (string?)hit["_source"]!["url"]);

        var posted = await _live.Http.SendJsonAsync(HttpMethod.Post, "connector/_search", """{"query": "coverage rest", "_source_includes": ["config", "url"]}""");
        var postedHit = Assert.Single(posted.Object["hits"]!["hits"]!.AsArray())!;
        AssertMasked(posted.Text, postedHit["_source"]!["config"]!, (string?)postedHit["_source"]!["url"]);

        // Stored as given: the masks are a view.
        var stored = await server.StoredAsync(id);
        Assert.Equal($"{Marker}-pwd", (string?)stored!.Config!["pwd"]);
        Assert.Equal(TopUrl, stored.UrlWithPassword);
        Assert.Equal(MaskedTopUrl, stored.Url);
    }

    [Fact]
    public async Task GraphQL_queries_and_mutation_payloads_mask_them_too()
    {
        using var client = new GraphQLTestClient(server);
        var create = await client.PostAsync(
            "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id url config } } }",
            new JsonObject { ["input"] = new JsonObject { ["name"] = "coverage graphql", ["url"] = TopUrl, ["config"] = Config() } });
        var connector = create.Ok()["createConnector"]!["connector"]!;
        AssertMasked(create.Text, connector["config"]!, (string?)connector["url"]);
        var id = (string)connector["id"]!;

        var byId = await client.PostAsync("query($id: ID!) { connectorById(id: $id) { url config } }", new { id });
        AssertMasked(byId.Text, byId.Ok()["connectorById"]!["config"]!, (string?)byId.Ok()["connectorById"]!["url"]);

        var list = await client.PostAsync("{ connectors(query: \"coverage graphql\") { nodes { url config } } }");
        var node = Assert.Single(list.Ok()["connectors"]!["nodes"]!.AsArray())!;
        AssertMasked(list.Text, node["config"]!, (string?)node["url"]);

        var update = await client.PostAsync(
            "mutation($id: ID!) { updateConnector(input: {id: $id, description: \"d\"}) { connector { url config } } }", new { id });
        var updated = update.Ok()["updateConnector"]!["connector"]!;
        AssertMasked(update.Text, updated["config"]!, (string?)updated["url"]);
    }

    [Fact]
    public async Task Subscription_events_mask_them_too()
    {
        var id = await CreateAsync("coverage live");
        await _live.WaitForSubscribersAsync(0);
        using var client = server.CreateHttpClient();
        using var stream = await SseTestStream.OpenAsync(client,
            SseTestStream.Post("subscription($id: ID) { onConnectorUpdated(id: $id) { url config } }", new { id }));
        await _live.WaitForSubscribersAsync(1);

        await _live.UpdateAsync(id, new { description = "changed" });

        var next = await stream.ReadAsync("next");
        var data = JsonNode.Parse(next.Data)!["data"]!["onConnectorUpdated"]!;
        AssertMasked(next.Data, data["config"]!, (string?)data["url"]);
    }

    [Fact]
    public async Task The_url_password_cannot_be_found_by_filtering_sorting_or_paging()
    {
        var id = await CreateAsync("coverage oracle");
        using var client = new GraphQLTestClient(server);

        // Filters see the url as every reader does: the masked form matches, the password does not.
        var byPassword = await client.PostAsync($"{{ connectors(where: {{url: {{contains: \"{Marker}top\"}}}}) {{ totalCount }} }}");
        Assert.Equal(0, (int)byPassword.Ok()["connectors"]!["totalCount"]!);
        var byMask = await client.PostAsync($"{{ connectors(where: {{url: {{eq: \"{MaskedTopUrl}\"}}}}, first: 50) {{ nodes {{ id }} }} }}");
        Assert.Contains(id, byMask.Ok()["connectors"]!["nodes"]!.AsArray().Select(n => (string?)n!["id"]));
        var rest = await _live.Http.GetJsonAsync($"connector/_search?filter=url={Uri.EscapeDataString(TopUrl)}");
        Assert.Equal(0, (int)rest.Object["hits"]!["total"]!["value"]!);
        var restByMask = await _live.Http.GetJsonAsync($"connector/_search?filter=url={Uri.EscapeDataString(MaskedTopUrl)}");
        Assert.Contains(id, restByMask.Object["hits"]!["hits"]!.AsArray().Select(h => (string?)h!["_id"]));

        // Sorting orders by the masked url, and a cursor carries the masked url, never the password.
        var sorted = await client.PostAsync(
            "{ connectors(where: {url: {startsWith: \"https://user:\"}}, order: [{url: ASC}], first: 1) { edges { cursor node { id } } } }");
        var edge = Assert.Single(sorted.Ok()["connectors"]!["edges"]!.AsArray())!;
        var cursor = Encoding.UTF8.GetString(Convert.FromBase64String((string)edge["cursor"]!));
        Assert.Contains("user:******@example.com", cursor, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, cursor, StringComparison.Ordinal);

        // config stays out of reach of every query, whatever the key.
        foreach (var (oracle, reason) in new[]
        {
            ("filter=config.pwd:x", "config cannot be filtered on, it may hold secrets"),
            ("sort=config.secret_key:asc", "config cannot be sorted on, it may hold secrets"),
            ("query=config.jwt:x", "config cannot be searched: it may hold secrets"),
        })
        {
            var refused = await _live.Http.GetJsonAsync($"connector/_search?{oracle}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains(reason, (string?)refused.Object["error"]!["reason"], StringComparison.Ordinal);
        }

        var where = await client.PostAsync("{ connectors(where: {config: {eq: \"x\"}}) { totalCount } }");
        Assert.Equal(400, where.Status);
    }
}
