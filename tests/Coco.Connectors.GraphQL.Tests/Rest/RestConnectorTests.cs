using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Rest;

/// <summary>The seed's routes, bodies and status codes, over real HTTP against a real SQLite file.</summary>
public sealed class RestConnectorTests(CocoServer server) : IClassFixture<CocoServer>
{
    private const string SeedCreate = """
        {
          "name": "My GitHub Connector",
          "description": "Connects to GitHub repositories",
          "category": "version_control",
          "icon": "font_github",
          "tags": ["github", "code"],
          "config": { "token": "ghp_xxxxxxxxxxxx", "repos": ["infinilabs/coco-server"] },
          "processor": { "enabled": true },
          "enabled": true
        }
        """;

    private readonly HttpClient _client = server.CreateHttpClient();

    private async Task<string> CreateAsync(string body = SeedCreate)
    {
        var response = await _client.SendJsonAsync(HttpMethod.Post, "connector/", body);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("created", (string?)response.Object["result"]);
        return (string)response.Object["_id"]!;
    }

    [Fact]
    public async Task Create_then_get_returns_the_seed_shape_with_the_token_masked()
    {
        var id = await CreateAsync();
        Assert.Matches("^[0-9a-v]{20}$", id);

        var got = await _client.GetJsonAsync($"connector/{id}");
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.True((bool)got.Object["found"]!);
        Assert.Equal(id, (string?)got.Object["_id"]);
        var source = got.Object["_source"]!.AsObject();
        Assert.Equal(id, (string?)source["id"]);
        Assert.Equal("My GitHub Connector", (string?)source["name"]);
        Assert.Equal("version_control", (string?)source["category"]);
        Assert.Equal("******", (string?)source["config"]!["token"]);
        Assert.Equal("infinilabs/coco-server", (string?)source["config"]!["repos"]![0]);
        Assert.True((bool)source["processor"]!["enabled"]!);
        Assert.False((bool)source["builtin"]!);
        Assert.True(DateTimeOffset.TryParse((string?)source["created"], out _));
        Assert.Contains("+00:00\"", got.Text, StringComparison.Ordinal); // RFC 3339 as written, not \u002B
        Assert.DoesNotContain("ghp_", got.Text, StringComparison.Ordinal);
        Assert.Equal("\"1\"", got.Raw.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Post_without_the_trailing_slash_creates_too()
    {
        var response = await _client.SendJsonAsync(HttpMethod.Post, "connector", """{"name":"no slash"}""");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("created", (string?)response.Object["result"]);
    }

    [Fact]
    public async Task Get_of_a_missing_connector_is_404_found_false()
    {
        var got = await _client.GetJsonAsync("connector/nope");
        Assert.Equal(HttpStatusCode.NotFound, got.Status);
        Assert.Equal("""{"_id":"nope","found":false}""", got.Text);
    }

    [Fact]
    public async Task Put_merges_by_default_and_keeps_what_it_does_not_mention()
    {
        var id = await CreateAsync();
        var put = await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """
            {"name": "My GitHub Connector - Updated", "description": "Updated connector for GitHub repositories", "enabled": true}
            """);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal($$"""{"_id":"{{id}}","result":"updated"}""", put.Text);
        Assert.Equal("\"2\"", put.Raw.Headers.ETag?.ToString());

        var stored = await server.StoredAsync(id);
        Assert.Equal("My GitHub Connector - Updated", stored!.Name);
        Assert.Equal(["github", "code"], stored.Tags);
        Assert.Equal("ghp_xxxxxxxxxxxx", (string?)stored.Config!["token"]);
        Assert.Equal(2, stored.Version);
        Assert.True(stored.Updated >= stored.Created);
    }

    [Fact]
    public async Task Merge_patch_null_removes_and_objects_merge_key_by_key()
    {
        var id = await CreateAsync();
        var put = await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}",
            """{"description": null, "config": {"repos": null, "owner": "infinilabs"}, "processor": {"name": "github"}}""");
        Assert.Equal(HttpStatusCode.OK, put.Status);
        var stored = await server.StoredAsync(id);
        Assert.Null(stored!.Description);
        Assert.Null(stored.Config!["repos"]);
        Assert.Equal("infinilabs", (string?)stored.Config["owner"]);
        Assert.Equal("ghp_xxxxxxxxxxxx", (string?)stored.Config["token"]);
        Assert.True(stored.Processor.Enabled);
        Assert.Equal("github", stored.Processor.Name);
    }

    [Fact]
    public async Task Replace_true_replaces_every_client_field_but_keeps_id_created_and_builtin()
    {
        var id = await CreateAsync();
        var before = await server.StoredAsync(id);
        var put = await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}?replace=true",
            """{"name": "Replaced", "builtin": true, "id": "other", "created": "2001-01-01T00:00:00Z"}""");
        Assert.Equal(HttpStatusCode.OK, put.Status);
        var stored = await server.StoredAsync(id);
        Assert.Equal("Replaced", stored!.Name);
        Assert.Empty(stored.Tags);
        Assert.Null(stored.Config);
        Assert.Null(stored.Description);
        Assert.False(stored.Builtin);
        Assert.Equal(before!.Created, stored.Created);
        Assert.Null(await server.StoredAsync("other"));
    }

    [Fact]
    public async Task Reading_then_writing_back_the_masked_document_keeps_the_secret()
    {
        var id = await CreateAsync();
        var source = (await _client.GetJsonAsync($"connector/{id}")).Object["_source"]!.ToJsonString();
        Assert.Contains("******", source, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", source)).Status);
        Assert.Equal("ghp_xxxxxxxxxxxx", (string?)(await server.StoredAsync(id))!.Config!["token"]);

        Assert.Equal(HttpStatusCode.OK, (await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}?replace=true", source)).Status);
        Assert.Equal("ghp_xxxxxxxxxxxx", (string?)(await server.StoredAsync(id))!.Config!["token"]);

        var hits = (await _client.GetJsonAsync($"connector/_search?filter=id:{id}")).Object["hits"]!["hits"]![0]!["_source"]!.ToJsonString();
        Assert.Equal(HttpStatusCode.OK, (await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", hits)).Status);
        Assert.Equal("ghp_xxxxxxxxxxxx", (string?)(await server.StoredAsync(id))!.Config!["token"]);
    }

    [Fact]
    public async Task A_mask_where_no_secret_is_stored_is_refused()
    {
        var id = await CreateAsync("""{"name": "no secret yet"}""");
        var put = await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"config": {"password": "******"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Contains("config.password", (string?)put.Object["error"]!["reason"], StringComparison.Ordinal);

        var create = await _client.SendJsonAsync(HttpMethod.Post, "connector/", """{"name": "x", "config": {"api_key": "******"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, create.Status);
    }

    [Fact]
    public async Task Delete_then_delete_again_is_404_not_found()
    {
        var id = await CreateAsync();
        var deleted = await _client.SendJsonAsync(HttpMethod.Delete, $"connector/{id}");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal($$"""{"_id":"{{id}}","result":"deleted"}""", deleted.Text);

        var again = await _client.SendJsonAsync(HttpMethod.Delete, $"connector/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal($$"""{"_id":"{{id}}","result":"not_found"}""", again.Text);
        Assert.Null(await server.StoredAsync(id));
    }

    [Fact]
    public async Task Put_of_a_missing_connector_is_404_not_found()
    {
        var put = await _client.SendJsonAsync(HttpMethod.Put, "connector/missing", """{"name":"x"}""");
        Assert.Equal(HttpStatusCode.NotFound, put.Status);
        Assert.Equal("""{"_id":"missing","result":"not_found"}""", put.Text);
        Assert.Null(await server.StoredAsync("missing"));
    }

    [Fact]
    public async Task Built_in_connectors_cannot_be_deleted_nor_lose_their_flag()
    {
        var delete = await _client.SendJsonAsync(HttpMethod.Delete, "connector/google_drive");
        Assert.Equal(HttpStatusCode.Forbidden, delete.Status);
        Assert.Equal(403, (int?)delete.Object["status"]);
        Assert.Equal("builtin connector cannot be deleted", (string?)delete.Object["error"]!["reason"]);

        var replace = await _client.SendJsonAsync(HttpMethod.Put, "connector/google_drive?replace=true",
            """{"name": "Google Drive (ours)", "builtin": false}""");
        Assert.Equal(HttpStatusCode.OK, replace.Status);
        var stored = await server.StoredAsync("google_drive");
        Assert.True(stored!.Builtin);
        Assert.Equal("Google Drive (ours)", stored.Name);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendJsonAsync(HttpMethod.Delete, "connector/google_drive")).Status);
    }

    [Fact]
    public async Task A_client_cannot_create_a_built_in()
    {
        var id = await CreateAsync("""{"name": "sneaky", "builtin": true}""");
        Assert.False((await server.StoredAsync(id))!.Builtin);
    }

    [Fact]
    public async Task A_client_chosen_id_is_kept_and_a_duplicate_is_409()
    {
        var id = await CreateAsync("""{"id": "my_github", "name": "mine"}""");
        Assert.Equal("my_github", id);
        var again = await _client.SendJsonAsync(HttpMethod.Post, "connector/", """{"id": "my_github", "name": "again"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(409, (int?)again.Object["status"]);
        Assert.Equal("mine", (await server.StoredAsync("my_github"))!.Name);
    }

    [Fact]
    public async Task If_match_with_a_stale_version_is_412_and_changes_nothing()
    {
        var id = await CreateAsync();
        var stale = await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name":"late"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"7\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal("version_conflict", (string?)stale.Object["error"]!["type"]);
        Assert.Equal("My GitHub Connector", (await server.StoredAsync(id))!.Name);

        var fresh = await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name":"on time"}""",
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""));
        Assert.Equal(HttpStatusCode.OK, fresh.Status);

        var staleDelete = await _client.SendJsonAsync(HttpMethod.Delete, $"connector/{id}", configure:
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.Status);
        Assert.NotNull(await server.StoredAsync(id));
    }

    [Fact]
    public async Task A_weak_if_match_tag_never_matches_so_writes_are_412_and_change_nothing()
    {
        var id = await CreateAsync();
        Action<HttpRequestMessage> weak = r => r.Headers.TryAddWithoutValidation("If-Match", "W/\"1\"");
        var update = await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name":"weakly"}""", weak);
        Assert.Equal(HttpStatusCode.PreconditionFailed, update.Status);
        Assert.Equal(412, (int?)update.Object["status"]);
        Assert.Equal("version_conflict", (string?)update.Object["error"]!["type"]);
        Assert.Contains("If-Match W/\"1\" is a weak entity tag, which never matches", (string?)update.Object["error"]!["reason"], StringComparison.Ordinal);

        var delete = await _client.SendJsonAsync(HttpMethod.Delete, $"connector/{id}", configure: weak);
        Assert.Equal(HttpStatusCode.PreconditionFailed, delete.Status);
        var stored = await server.StoredAsync(id);
        Assert.Equal(("My GitHub Connector", 1), (stored!.Name, stored.Version));

        // RFC 9110 ignores the precondition where the write would fail anyway: a missing connector stays a 404.
        var missing = await _client.SendJsonAsync(HttpMethod.Put, "connector/no_such_connector", """{"name":"x"}""", weak);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task If_match_with_a_list_of_tags_writes_when_any_strong_one_is_the_current_version()
    {
        var id = await CreateAsync();
        Action<HttpRequestMessage> IfMatch(string value) => r => r.Headers.TryAddWithoutValidation("If-Match", value);

        var listed = await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name":"listed"}""", IfMatch("\"7\", \"1\""));
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal(("listed", 2), ((await server.StoredAsync(id))!.Name, (await server.StoredAsync(id))!.Version));

        // A weak tag in the list never matches, even when it names the current version.
        var weakOnly = await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name":"weak"}""", IfMatch("\"1\", W/\"2\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, weakOnly.Status);
        Assert.Contains("none of the strong entity tags If-Match lists", (string?)weakOnly.Object["error"]!["reason"], StringComparison.Ordinal);
        Assert.Equal("listed", (await server.StoredAsync(id))!.Name);

        var unlisted = await _client.SendJsonAsync(HttpMethod.Delete, $"connector/{id}", configure: IfMatch("\"1\", \"3\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, unlisted.Status);
        Assert.Equal("version_conflict", (string?)unlisted.Object["error"]!["type"]);
        Assert.NotNull(await server.StoredAsync(id));

        // Several header lines are one list; * alone still means "any version of an existing connector".
        var lines = await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name":"lines"}""", r =>
        {
            r.Headers.TryAddWithoutValidation("If-Match", "\"5\"");
            r.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        });
        Assert.Equal(HttpStatusCode.OK, lines.Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name":"any"}""", IfMatch("*"))).Status);

        foreach (var invalid in new[] { "*, \"1\"", "\"4\" junk", "\"x\"" })
        {
            var refused = await _client.SendJsonAsync(HttpMethod.Put, $"connector/{id}", """{"name":"no"}""", IfMatch(invalid));
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        }

        var deleted = await _client.SendJsonAsync(HttpMethod.Delete, $"connector/{id}", configure: IfMatch("\"1\", \"4\""));
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Null(await server.StoredAsync(id));
    }

    [Fact]
    public async Task An_empty_if_match_lists_no_tag_so_writes_are_412_and_change_nothing()
    {
        var id = await CreateAsync();
        foreach (var (method, body) in new[] { ("PUT", """{"name":"blind"}"""), ("DELETE", "") })
        {
            // HttpClient leaves an empty header out, so the request is written by hand.
            var headers = $"If-Match:\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n";
            var response = await RawHttp.SendAsync(server.BaseAddress, RawHttp.Request(method, $"/connector/{id}", headers, body));
            Assert.Equal(412, response.Status);
            Assert.Contains("If-Match is empty", (string?)response.Json!["error"]!["reason"], StringComparison.Ordinal);
        }

        var stored = await server.StoredAsync(id);
        Assert.Equal(("My GitHub Connector", 1), (stored!.Name, stored.Version));

        // The writer's own answers come first, as RFC 9110 orders: a missing connector is 404.
        var missing = await RawHttp.SendAsync(server.BaseAddress, RawHttp.Request("DELETE", "/connector/no_such_connector", "If-Match:\r\n", ""));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Validation_errors_name_the_field()
    {
        var response = await _client.SendJsonAsync(HttpMethod.Post, "connector/", """{"name": 5, "tags": "x", "config": []}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var reason = (string?)response.Object["error"]!["reason"];
        Assert.Contains("name must be a string", reason, StringComparison.Ordinal);
        Assert.Contains("tags must be an array of strings", reason, StringComparison.Ordinal);
        Assert.Contains("config must be an object", reason, StringComparison.Ordinal);
        Assert.Equal("validation_error", (string?)response.Object["error"]!["type"]);
    }

    [Theory]
    [InlineData("privateKey")]
    [InlineData("api-key")]
    [InlineData("secretAccessKey")]
    [InlineData("ConnectionString")]
    [InlineData("tokens")]
    [InlineData("oauth")]
    [InlineData("access_key_id")]
    public async Task Secret_keys_are_recognised_in_any_spelling(string key)
    {
        var id = await CreateAsync($$$"""{"name": "spelling", "config": {"nested": [{"{{{key}}}": {"value": "hush-{{{key}}}"}}]}}""");
        var got = await _client.GetJsonAsync($"connector/{id}");
        Assert.Equal("******", (string?)got.Object["_source"]!["config"]!["nested"]![0]![key]);
        Assert.DoesNotContain($"hush-{key}", got.Text, StringComparison.Ordinal);
    }
}
