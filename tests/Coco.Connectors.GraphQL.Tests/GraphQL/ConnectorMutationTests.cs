using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.GraphQL;

public sealed class ConnectorMutationTests(CocoServer server) : IClassFixture<CocoServer>
{
    private const string ConnectorFields =
        "id name description category icon tags url pathHierarchy assets { icons } builtin config oauthConnectImplemented processor { enabled name } enabled created updated version";

    // Each mutation may only spread the error types its union declares (GraphQL's possible-fragment rule).
    private const string CreateErrorFields =
        "__typename ... on Error { message } ... on ValidationError { field } ... on DuplicateConnectorIdError { id }";

    private const string UpdateErrorFields =
        "__typename ... on Error { message } ... on ValidationError { field } ... on ConnectorNotFoundError { id } "
        + "... on VersionConflictError { id expectedVersion actualVersion }";

    private const string DeleteErrorFields =
        "__typename ... on Error { message } ... on ConnectorNotFoundError { id } ... on BuiltinConnectorError { id } "
        + "... on VersionConflictError { id expectedVersion actualVersion }";

    private const string Create =
        $"mutation($input: CreateConnectorInput!) {{ createConnector(input: $input) {{ connector {{ {ConnectorFields} }} errors {{ {CreateErrorFields} }} }} }}";

    private const string Update =
        $"mutation($input: UpdateConnectorInput!) {{ updateConnector(input: $input) {{ connector {{ {ConnectorFields} }} errors {{ {UpdateErrorFields} }} }} }}";

    private const string Delete =
        $"mutation($input: DeleteConnectorInput!) {{ deleteConnector(input: $input) {{ deletedId errors {{ {DeleteErrorFields} }} }} }}";

    private async Task<JsonNode> MutateAsync(GraphQLTestClient client, string mutation, object input, string field)
    {
        var response = await client.PostAsync(mutation, new { input });
        return response.Ok()[field]!;
    }

    [Fact]
    public async Task Create_returns_the_stored_connector_with_defaults()
    {
        using var client = new GraphQLTestClient(server);
        var payload = await MutateAsync(client, Create, new { name = "  My GitHub  ", tags = new[] { "git", "git", " code " } }, "createConnector");

        Assert.Null(payload["errors"]);
        var connector = payload["connector"]!;
        Assert.Matches("^[0-9a-v]{20}$", connector["id"]!.GetValue<string>());
        Assert.Equal("My GitHub", connector["name"]!.GetValue<string>());
        Assert.Equal("""["git","code"]""", connector["tags"]!.ToJsonString());
        Assert.False(connector["pathHierarchy"]!.GetValue<bool>());
        Assert.False(connector["builtin"]!.GetValue<bool>());
        Assert.True(connector["enabled"]!.GetValue<bool>());
        Assert.False(connector["processor"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(1, connector["version"]!.GetValue<int>());
        Assert.Null(connector["config"]);
        Assert.NotNull(await client.ReadStoredAsync(connector["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_maps_every_camelCase_input_to_the_stored_document()
    {
        using var client = new GraphQLTestClient(server);
        var payload = await MutateAsync(client, Create, new
        {
            id = "my-wiki",
            name = "Wiki",
            description = "d",
            category = "website",
            icon = "default",
            url = "https://wiki.example.com",
            pathHierarchy = true,
            assets = new { icons = new { @default = "/icons/wiki.png" } },
            config = new { space = "ENG" },
            oauthConnectImplemented = true,
            processor = new { enabled = true, name = "confluence" },
            enabled = false,
        }, "createConnector");

        Assert.Null(payload["errors"]);
        var stored = await client.ReadStoredAsync("my-wiki");
        Assert.NotNull(stored);
        Assert.Equal(("Wiki", "d", "website", "default", "https://wiki.example.com"), (stored.Name, stored.Description, stored.Category, stored.Icon, stored.Url));
        Assert.True(stored.PathHierarchy);
        Assert.True(stored.OauthConnectImplemented);
        Assert.False(stored.Enabled);
        Assert.Equal("/icons/wiki.png", stored.AssetIcons["default"]);
        Assert.Equal("ENG", stored.Config!["space"]!.GetValue<string>());
        Assert.True(stored.Processor.Enabled);
        Assert.Equal("confluence", stored.Processor.Name);
        Assert.False(stored.Builtin);
    }

    [Fact]
    public async Task Create_with_a_taken_id_is_a_DuplicateConnectorIdError()
    {
        using var client = new GraphQLTestClient(server);
        await client.CreateAsync(new { id = "dup-1", name = "first" });

        var payload = await MutateAsync(client, Create, new { id = "dup-1", name = "second" }, "createConnector");

        Assert.Null(payload["connector"]);
        var error = Assert.Single(payload["errors"]!.AsArray())!;
        Assert.Equal("DuplicateConnectorIdError", error["__typename"]!.GetValue<string>());
        Assert.Equal("dup-1", error["id"]!.GetValue<string>());
        Assert.Contains("dup-1", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("first", (await client.ReadStoredAsync("dup-1"))!.Name);
    }

    [Fact]
    public async Task Create_validation_errors_name_each_field_in_GraphQL_terms()
    {
        using var client = new GraphQLTestClient(server);
        var before = await client.CountStoredAsync();

        var payload = await MutateAsync(client, Create, new
        {
            id = "bad id!",
            name = "   ",
            url = "ftp://example.com",
            tags = Enumerable.Range(0, 65).Select(i => $"t{i}").ToArray(),
            assets = new { icons = new { @default = 5 } },
            processor = new { name = new string('p', 300) },
            config = new { client_secret = "******" },
        }, "createConnector");

        Assert.Null(payload["connector"]);
        var errors = payload["errors"]!.AsArray().Select(e => (Type: e!["__typename"]!.GetValue<string>(),
            Field: e["field"]!.GetValue<string>(), Message: e["message"]!.GetValue<string>())).ToList();
        Assert.All(errors, e => Assert.Equal("ValidationError", e.Type));
        Assert.Equal(
            new[] { "assets.icons", "config.client_secret", "id", "name", "processor.name", "tags", "url" },
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.StartsWith(e.Field, e.Message, StringComparison.Ordinal));
        Assert.Equal(before, await client.CountStoredAsync());
    }

    [Fact]
    public async Task Update_without_replace_is_a_merge_patch_of_the_given_fields_only()
    {
        using var client = new GraphQLTestClient(server);
        var id = await client.CreateAsync(new
        {
            name = "Merge me",
            description = "keep",
            category = "db",
            tags = new[] { "a" },
            config = new { host = "db1", port = 5432, options = new { ssl = true, timeout = 5 } },
            processor = new { enabled = true, name = "sql" },
        });

        var payload = await MutateAsync(client, Update, new
        {
            id,
            name = "Merged",
            config = new { port = 6543, options = new { timeout = (int?)null } },
            processor = new { name = (string?)null },
        }, "updateConnector");

        Assert.Null(payload["errors"]);
        var connector = payload["connector"]!;
        Assert.Equal("Merged", connector["name"]!.GetValue<string>());
        Assert.Equal("keep", connector["description"]!.GetValue<string>());
        Assert.Equal("db", connector["category"]!.GetValue<string>());
        Assert.Equal("""["a"]""", connector["tags"]!.ToJsonString());
        Assert.Equal("""{"host":"db1","port":6543,"options":{"ssl":true}}""", connector["config"]!.ToJsonString());
        Assert.True(connector["processor"]!["enabled"]!.GetValue<bool>());
        Assert.Null(connector["processor"]!["name"]);
        Assert.Equal(2, connector["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Update_tells_an_explicit_null_from_an_absent_field()
    {
        using var client = new GraphQLTestClient(server);
        var id = await client.CreateAsync(new { name = "Nulls", description = "gone soon", category = "stays", enabled = false });

        var response = await client.PostAsync(
            $"mutation {{ updateConnector(input: {{id: \"{id}\", description: null, enabled: null}}) {{ connector {{ {ConnectorFields} }} }} }}");

        var connector = response.Ok()["updateConnector"]!["connector"]!;
        Assert.Null(connector["description"]);
        Assert.Equal("stays", connector["category"]!.GetValue<string>());
        Assert.True(connector["enabled"]!.GetValue<bool>()); // removed → the default
        Assert.Equal("Nulls", connector["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_with_replace_resets_every_field_not_given()
    {
        using var client = new GraphQLTestClient(server);
        var id = await client.CreateAsync(new
        {
            name = "Replace me",
            description = "old",
            tags = new[] { "x" },
            config = new { a = 1 },
            pathHierarchy = true,
        });

        var payload = await MutateAsync(client, Update, new { id, replace = true, name = "Replaced", category = "new" }, "updateConnector");

        var connector = payload["connector"]!;
        Assert.Equal("Replaced", connector["name"]!.GetValue<string>());
        Assert.Equal("new", connector["category"]!.GetValue<string>());
        Assert.Null(connector["description"]);
        Assert.Null(connector["config"]);
        Assert.Equal("[]", connector["tags"]!.ToJsonString());
        Assert.False(connector["pathHierarchy"]!.GetValue<bool>());
        Assert.Equal(id, connector["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_of_a_missing_connector_is_a_ConnectorNotFoundError()
    {
        using var client = new GraphQLTestClient(server);
        var payload = await MutateAsync(client, Update, new { id = "no-such-connector", name = "x" }, "updateConnector");

        Assert.Null(payload["connector"]);
        var error = Assert.Single(payload["errors"]!.AsArray())!;
        Assert.Equal("ConnectorNotFoundError", error["__typename"]!.GetValue<string>());
        Assert.Equal("no-such-connector", error["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_that_blanks_the_name_is_refused_and_changes_nothing()
    {
        using var client = new GraphQLTestClient(server);
        var id = await client.CreateAsync(new { name = "Named" });

        var payload = await MutateAsync(client, Update, new { id, name = (string?)null, description = "not stored" }, "updateConnector");

        var error = Assert.Single(payload["errors"]!.AsArray())!;
        Assert.Equal("ValidationError", error["__typename"]!.GetValue<string>());
        Assert.Equal("name", error["field"]!.GetValue<string>());
        var stored = await client.ReadStoredAsync(id);
        Assert.Equal(("Named", null, 1), (stored!.Name, stored.Description, stored.Version));
    }

    [Fact]
    public async Task Stale_expectedVersion_is_a_VersionConflictError_for_update_and_delete()
    {
        using var client = new GraphQLTestClient(server);
        var id = await client.CreateAsync(new { name = "Versioned" });
        var first = await MutateAsync(client, Update, new { id, expectedVersion = 1, description = "v2" }, "updateConnector");
        Assert.Equal(2, first["connector"]!["version"]!.GetValue<int>());

        var update = await MutateAsync(client, Update, new { id, expectedVersion = 1, description = "lost update" }, "updateConnector");
        var delete = await MutateAsync(client, Delete, new { id, expectedVersion = 1 }, "deleteConnector");

        foreach (var error in new[] { Assert.Single(update["errors"]!.AsArray())!, Assert.Single(delete["errors"]!.AsArray())! })
        {
            Assert.Equal("VersionConflictError", error["__typename"]!.GetValue<string>());
            Assert.Equal(id, error["id"]!.GetValue<string>());
            Assert.Equal(1, error["expectedVersion"]!.GetValue<int>());
            Assert.Equal(2, error["actualVersion"]!.GetValue<int>());
        }

        Assert.Null(update["connector"]);
        Assert.Null(delete["deletedId"]);
        var stored = await client.ReadStoredAsync(id);
        Assert.Equal(("v2", 2), (stored!.Description, stored.Version));
    }

    [Fact]
    public async Task Delete_removes_the_connector_and_a_second_delete_is_not_found()
    {
        using var client = new GraphQLTestClient(server);
        var id = await client.CreateAsync(new { name = "Delete me" });

        var deleted = await MutateAsync(client, Delete, new { id, expectedVersion = 1 }, "deleteConnector");
        var again = await MutateAsync(client, Delete, new { id }, "deleteConnector");

        Assert.Equal(id, deleted["deletedId"]!.GetValue<string>());
        Assert.Null(deleted["errors"]);
        Assert.Null(await client.ReadStoredAsync(id));
        Assert.Equal("ConnectorNotFoundError", Assert.Single(again["errors"]!.AsArray())!["__typename"]!.GetValue<string>());
        Assert.Null(again["deletedId"]);
    }

    [Fact]
    public async Task Builtin_connectors_cannot_be_deleted_and_stay_builtin_after_a_replace()
    {
        using var client = new GraphQLTestClient(server);

        var delete = await MutateAsync(client, Delete, new { id = "github" }, "deleteConnector");
        var error = Assert.Single(delete["errors"]!.AsArray())!;
        Assert.Equal("BuiltinConnectorError", error["__typename"]!.GetValue<string>());
        Assert.Equal("github", error["id"]!.GetValue<string>());
        Assert.Equal("builtin connector cannot be deleted", error["message"]!.GetValue<string>());

        var replaced = await MutateAsync(client, Update, new { id = "github", replace = true, name = "Still GitHub" }, "updateConnector");
        Assert.True(replaced["connector"]!["builtin"]!.GetValue<bool>());
        var deleteAgain = await MutateAsync(client, Delete, new { id = "github" }, "deleteConnector");
        Assert.Equal("BuiltinConnectorError", deleteAgain["errors"]![0]!["__typename"]!.GetValue<string>());
        Assert.True((await client.ReadStoredAsync("github"))!.Builtin);
    }

    [Fact]
    public async Task Clients_cannot_set_builtin_the_input_has_no_such_field()
    {
        using var client = new GraphQLTestClient(server);
        var before = await client.CountStoredAsync();

        var response = await client.PostAsync(Create, new { input = new { name = "Sneaky", builtin = true } });

        Assert.Equal(400, response.Status);
        Assert.Contains("builtin", response.FirstErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, await client.CountStoredAsync());
    }
}
