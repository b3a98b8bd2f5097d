using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Secrets;

/// <summary>
/// The mask round trip over real HTTP on the three write paths (REST merge, REST replace, GraphQL update): a masked
/// read written back keeps every secret — in arrays, in arrays of objects, in URLs — a new value is stored, and a mask
/// that stands for nothing is a 400 that changes nothing.
/// </summary>
public class SecretRoundTripTests(CocoServer server) : IClassFixture<CocoServer>
{
    private const string TopUrl = "https://wiki-user:top-pw-81@wiki.example.com/space";

    public enum WritePath
    {
        RestMerge,
        RestReplace,
        GraphQLMerge,
        GraphQLReplace,
    }

    public static TheoryData<WritePath> Paths => new() { WritePath.RestMerge, WritePath.RestReplace, WritePath.GraphQLMerge, WritePath.GraphQLReplace };

    private static JsonObject OriginalConfig() => JsonNode.Parse("""
        {
          "token": "tok-81a",
          "tokens": ["tok-81b", "tok-81c"],
          "accounts": [
            {"user": "ann", "password": "pw-ann-81", "hosts": ["h1"]},
            {"user": "bob", "password": "pw-bob-81", "hosts": ["h2"]},
            {"user": "cyd", "password": "pw-cyd-81", "hosts": ["h3"]}
          ],
          "database_url": "postgres://svc:db-pw-81@db.example.com:5432/coco",
          "mirrors": ["http://m1:m1-pw-81@mirror1.example.com", "http://m2:m2-pw-81@mirror2.example.com"],
          "auth": {"user": "u", "pass": "auth-pass-81"},
          "jdbc_url": "jdbc:postgresql://db.example.com/coco?user=svc&password=jdbc-pw-81&ssl=true",
          "sqlserver": "jdbc:sqlserver://sql.example.com:1433;user=svc;password=sql-pw-81;encrypt=true",
          "sig": "sig-81", "hmac": "hmac-81", "salt": "salt-81", "conn_str": "Server=s;Password=cs-81", "kubeconfig": "kube-81",
          "token_id": "tid-81", "p12": "p12-81", "userpass": "up-81", "signal": 5,
          "max_tokens": 1000
        }
        """)!.AsObject();

    private async Task<string> CreateAsync(string name)
    {
        using var http = server.CreateHttpClient();
        var body = new JsonObject { ["name"] = name, ["url"] = TopUrl, ["config"] = OriginalConfig() };
        var created = await http.SendJsonAsync(HttpMethod.Post, "connector/", body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (string)created.Object["_id"]!;
    }

    /// <summary>The connector as REST reads it (masked), as a Coco document.</summary>
    private async Task<JsonObject> ReadMaskedAsync(string id)
    {
        using var http = server.CreateHttpClient();
        var got = await http.GetJsonAsync($"connector/{id}");
        Assert.DoesNotContain("-81", got.Text, StringComparison.Ordinal);
        return got.Object["_source"]!.AsObject();
    }

    /// <summary>Writes a Coco document on one of the write paths; returns the status and the error text, if any.</summary>
    private async Task<(HttpStatusCode Status, string? Error)> WriteAsync(WritePath path, string id, JsonObject document)
    {
        if (path is WritePath.RestMerge or WritePath.RestReplace)
        {
            using var http = server.CreateHttpClient();
            var put = await http.SendJsonAsync(HttpMethod.Put, $"connector/{id}{(path == WritePath.RestReplace ? "?replace=true" : "")}", document.ToJsonString());
            Assert.DoesNotContain("-81", put.Text, StringComparison.Ordinal);
            return (put.Status, put.Status == HttpStatusCode.OK ? null : put.Text);
        }

        using var client = new GraphQLTestClient(server);
        var input = new JsonObject { ["id"] = id, ["replace"] = path == WritePath.GraphQLReplace };
        foreach (var field in new[] { "name", "url", "config" })
        {
            if (document[field] is { } value)
            {
                input[field] = value.DeepClone();
            }
        }

        var response = await client.PostAsync(
            "mutation($input: UpdateConnectorInput!) { updateConnector(input: $input) { connector { config url } errors { __typename ... on ValidationError { field message } } } }",
            new JsonObject { ["input"] = input });
        Assert.DoesNotContain("-81", response.Text, StringComparison.Ordinal);
        var errors = response.Ok()["updateConnector"]!["errors"];
        return errors is null ? (HttpStatusCode.OK, null) : (HttpStatusCode.BadRequest, errors.ToJsonString());
    }

    private async Task<Connector> StoredAsync(string id) => (await server.StoredAsync(id))!;

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_masked_read_written_back_keeps_every_secret(WritePath path)
    {
        var id = await CreateAsync($"round trip {path}");
        var masked = await ReadMaskedAsync(id);
        Assert.Equal("https://wiki-user:******@wiki.example.com/space", (string?)masked["url"]);
        Assert.Equal("postgres://svc:******@db.example.com:5432/coco", (string?)masked["config"]!["database_url"]);
        Assert.Equal("jdbc:postgresql://db.example.com/coco?user=svc&password=******&ssl=true", (string?)masked["config"]!["jdbc_url"]);
        Assert.Equal(5, (int)masked["config"]!["signal"]!);
        masked["description"] = "edited";
        masked["config"]!["max_tokens"] = 2000;

        var (status, error) = await WriteAsync(path, id, masked);

        Assert.True(status == HttpStatusCode.OK, error);
        var stored = await StoredAsync(id);
        var expected = OriginalConfig();
        expected["max_tokens"] = 2000;
        Assert.Equal(expected.ToJsonString(), stored.Config!.ToJsonString());
        Assert.Equal(TopUrl, stored.UrlWithPassword);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Secrets_in_arrays_of_objects_follow_their_element_when_one_is_removed(WritePath path)
    {
        var id = await CreateAsync($"array removal {path}");
        var masked = await ReadMaskedAsync(id);
        masked["config"]!["accounts"]!.AsArray().RemoveAt(0);
        masked["config"]!["mirrors"]!.AsArray().RemoveAt(0);

        var (status, error) = await WriteAsync(path, id, masked);

        Assert.True(status == HttpStatusCode.OK, error);
        var config = (await StoredAsync(id)).Config!;
        Assert.Equal(
            """[{"user":"bob","password":"pw-bob-81","hosts":["h2"]},{"user":"cyd","password":"pw-cyd-81","hosts":["h3"]}]""",
            config["accounts"]!.ToJsonString());
        Assert.Equal("""["http://m2:m2-pw-81@mirror2.example.com"]""", config["mirrors"]!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task An_array_of_masks_under_a_secret_key_keeps_the_stored_elements_where_it_has_masks(WritePath path)
    {
        var id = await CreateAsync($"mask array {path}");
        var masked = await ReadMaskedAsync(id);
        masked["config"]!["tokens"] = new JsonArray("******", "tok-new-2");

        var (status, error) = await WriteAsync(path, id, masked);

        Assert.True(status == HttpStatusCode.OK, error);
        Assert.Equal("""["tok-81b","tok-new-2"]""", (await StoredAsync(id)).Config!["tokens"]!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_new_value_for_a_stored_secret_is_stored(WritePath path)
    {
        var id = await CreateAsync($"rotation {path}");
        var masked = await ReadMaskedAsync(id);
        var config = masked["config"]!;
        config["token"] = "tok-rotated";
        config["accounts"]![1]!["password"] = "pw-bob-rotated";
        config["database_url"] = "postgres://svc:db-pw-rotated@db.example.com:5432/coco";
        config["auth"] = new JsonObject { ["user"] = "u", ["pass"] = "auth-pass-rotated" };
        masked["url"] = "https://wiki-user:top-pw-rotated@wiki.example.com/space";

        var (status, error) = await WriteAsync(path, id, masked);

        Assert.True(status == HttpStatusCode.OK, error);
        var stored = await StoredAsync(id);
        Assert.Equal("tok-rotated", (string?)stored.Config!["token"]);
        Assert.Equal(["pw-ann-81", "pw-bob-rotated", "pw-cyd-81"], stored.Config["accounts"]!.AsArray().Select(a => (string?)a!["password"]));
        Assert.Equal("postgres://svc:db-pw-rotated@db.example.com:5432/coco", (string?)stored.Config["database_url"]);
        Assert.Equal("""{"user":"u","pass":"auth-pass-rotated"}""", stored.Config["auth"]!.ToJsonString());
        Assert.Equal("""["tok-81b","tok-81c"]""", stored.Config["tokens"]!.ToJsonString());
        Assert.Equal("https://wiki-user:top-pw-rotated@wiki.example.com/space", stored.UrlWithPassword);
        Assert.Equal("https://wiki-user:******@wiki.example.com/space", stored.Url);
    }

    public static TheoryData<WritePath, string, string> Refusals => new()
    {
        // A masked URL password never follows its URL to another host (or user, port, scheme).
        { WritePath.RestMerge, "config.database_url", "postgres://svc:******@evil.example.com:5432/coco" },
        { WritePath.RestReplace, "config.database_url", "postgres://svc:******@db.example.com:6543/coco" },
        { WritePath.GraphQLMerge, "config.database_url", "postgres://root:******@db.example.com:5432/coco" },
        { WritePath.RestMerge, "url", "https://wiki-user:******@evil.example.com/space" },
        { WritePath.GraphQLReplace, "url", "http://wiki-user:******@wiki.example.com/space" },
        // More masks than stored elements, and a masked element whose other fields changed.
        { WritePath.RestMerge, "config.tokens[2]", """["******", "******", "******"]""" },
        { WritePath.GraphQLMerge, "config.accounts[0].password", """[{"user": "eve", "password": "******", "hosts": ["h1"]}]""" },
        { WritePath.RestReplace, "config.accounts[0].password", """[{"user": "ann", "password": "******", "hosts": ["evil"]}]""" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_mask_that_stands_for_no_stored_secret_is_refused_and_changes_nothing(WritePath path, string field, string value)
    {
        var id = await CreateAsync($"refusal {path} {field}");
        var before = await StoredAsync(id);
        var masked = await ReadMaskedAsync(id);
        var target = field == "url" ? masked : masked["config"]!.AsObject();
        var key = field.Split('.', '[')[field.StartsWith("config.", StringComparison.Ordinal) ? 1 : 0];
        target[key] = value.StartsWith('[') ? JsonNode.Parse(value) : value;

        var (status, error) = await WriteAsync(path, id, masked);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(field, error, StringComparison.Ordinal);
        Assert.Contains("******", error, StringComparison.Ordinal);
        var after = await StoredAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Config!.ToJsonString(), after.Config!.ToJsonString());
        Assert.Equal(TopUrl, after.UrlWithPassword);
    }

    [Fact]
    public async Task A_masked_URL_password_on_create_is_refused()
    {
        using var http = server.CreateHttpClient();
        var created = await http.SendJsonAsync(HttpMethod.Post, "connector/",
            """{"name": "masked on create", "url": "https://u:******@h.example.com/", "config": {"dsn_url": "postgres://u:******@h/db"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, created.Status);
        Assert.Contains("url", (string?)created.Object["error"]!["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_without_a_password_is_stored_once()
    {
        using var http = server.CreateHttpClient();
        var created = await http.SendJsonAsync(HttpMethod.Post, "connector/", """{"name": "plain url", "url": "https://user@h.example.com/x"}""");
        var stored = await StoredAsync((string)created.Object["_id"]!);

        Assert.Equal("https://user@h.example.com/x", stored.Url);
        Assert.Null(stored.UrlWithPassword);
    }
}
