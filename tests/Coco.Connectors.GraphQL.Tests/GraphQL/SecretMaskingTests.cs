using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.GraphQL;

/// <summary>CONTRACT §4 over GraphQL: secrets never leave the server, and the mask sent back keeps them.</summary>
public sealed class SecretMaskingTests(CocoServer server) : IClassFixture<CocoServer>
{
    private const string Token = "ghp_TOPsecretTOKEN123";
    private const string Password = "hunter2-pass";

    private static object SecretConfig => new { token = Token, repos = new[] { "infinilabs/coco-server" }, db = new { password = Password, host = "h" } };

    private static void AssertNoSecret(GraphQLResponse response)
    {
        Assert.DoesNotContain(Token, response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_read_path_masks_config_secrets()
    {
        using var client = new GraphQLTestClient(server);
        var create = await client.PostAsync(
            "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id config } } }",
            new { input = new { name = "Secretive", config = SecretConfig } });
        var id = create.Ok()["createConnector"]!["connector"]!["id"]!.GetValue<string>();

        var reads = new[]
        {
            create,
            await client.PostAsync("query($id: ID!) { connectorById(id: $id) { config } }", new { id }),
            await client.PostAsync("query($id: ID!) { node(id: $id) { ... on Connector { config } } }", new { id }),
            await client.PostAsync("query($id: ID!) { nodes(ids: [$id, $id]) { ... on Connector { config } } }", new { id }),
            await client.PostAsync("mutation($id: ID!) { updateConnector(input: {id: $id, description: \"d\"}) { connector { config } } }", new { id }),
            await client.GetAsync(GraphQLTestClient.QueryString("query($id: ID!) { connectorById(id: $id) { config } }", new { id })),
        };

        foreach (var response in reads)
        {
            Assert.Equal(200, response.Status);
            AssertNoSecret(response);
            Assert.Contains("\"token\":\"******\"", response.Text, StringComparison.Ordinal);
            Assert.Contains("\"password\":\"******\"", response.Text, StringComparison.Ordinal);
            Assert.Contains("infinilabs/coco-server", response.Text, StringComparison.Ordinal);
        }

        var stored = await client.ReadStoredAsync(id);
        Assert.Equal(Token, stored!.Config!["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_mask_sent_back_keeps_the_stored_secret()
    {
        using var client = new GraphQLTestClient(server);
        var id = await client.CreateAsync(new { name = "Round trip", config = SecretConfig });
        var read = (await client.PostAsync("query($id: ID!) { connectorById(id: $id) { config } }", new { id })).Ok();
        var maskedConfig = read["connectorById"]!["config"]!.DeepClone().AsObject();
        maskedConfig["repos"] = new System.Text.Json.Nodes.JsonArray("a/b");

        // Read-modify-write through the masked read, both as a merge patch and as a full replacement.
        var merge = await client.PostAsync(
            "mutation($input: UpdateConnectorInput!) { updateConnector(input: $input) { errors { __typename } connector { config } } }",
            new { input = new { id, config = maskedConfig } });
        var replace = await client.PostAsync(
            "mutation($input: UpdateConnectorInput!) { updateConnector(input: $input) { errors { __typename } connector { config } } }",
            new { input = new { id, replace = true, name = "Round trip 2", config = maskedConfig } });

        Assert.Null(merge.Ok()["updateConnector"]!["errors"]);
        Assert.Null(replace.Ok()["updateConnector"]!["errors"]);
        AssertNoSecret(merge);
        AssertNoSecret(replace);
        var stored = await client.ReadStoredAsync(id);
        Assert.Equal(Token, stored!.Config!["token"]!.GetValue<string>());
        Assert.Equal(Password, stored.Config["db"]!["password"]!.GetValue<string>());
        Assert.Equal("""["a/b"]""", stored.Config["repos"]!.ToJsonString());
    }

    [Fact]
    public async Task A_mask_with_no_stored_secret_behind_it_is_a_ValidationError_on_that_config_key()
    {
        using var client = new GraphQLTestClient(server);
        var id = await client.CreateAsync(new { name = "No secret yet", config = new { host = "h" } });

        var payload = (await client.PostAsync(
            "mutation($input: UpdateConnectorInput!) { updateConnector(input: $input) { errors { __typename ... on ValidationError { field message } } } }",
            new { input = new { id, config = new { api_key = "******" } } })).Ok()["updateConnector"]!;

        var error = Assert.Single(payload["errors"]!.AsArray())!;
        Assert.Equal("config.api_key", error["field"]!.GetValue<string>());
        Assert.Null((await client.ReadStoredAsync(id))!.Config!["api_key"]);
    }

    [Fact]
    public async Task Error_messages_never_echo_a_secret_from_a_literal()
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync(
            "mutation { createConnector(input: {name: \"n\", tags: [{token: \"" + Token + "\"}], config: {password: \"" + Password + "\"}}) { errors { __typename } } }");

        Assert.Equal(400, response.Status);
        AssertNoSecret(response);
        Assert.Contains("******", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_messages_never_echo_a_secret_from_a_variable()
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync(
            "mutation($token: Int) { deleteConnector(input: {id: \"x\", expectedVersion: $token}) { deletedId } }",
            new { token = Token });

        Assert.Equal(400, response.Status);
        AssertNoSecret(response);
        Assert.Contains("$token", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Syntax_errors_never_echo_a_secret()
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync("mutation { createConnector(input: {name: \"n\", config: {token \"" + Token + "\"}}) { errors { __typename } } }");

        Assert.Equal(400, response.Status);
        Assert.Equal("SYNTAX_ERROR", response.FirstErrorCode);
        AssertNoSecret(response);
        Assert.Contains("found String \"******\"", response.FirstErrorMessage, StringComparison.Ordinal); // the parser did quote it
    }

    [Theory]
    [InlineData("tags: [{auth: {user: \"u\", pass: \"NESTED-SECRET-7\"}}]", "NESTED-SECRET-7")]
    [InlineData("tags: [{password: 987654321}]", "987654321")]
    [InlineData("tags: [{token: \"\"\"BLOCK-SECRET-8\"\"\"}]", "BLOCK-SECRET-8")]
    [InlineData("tags: [{tokens: [\"LIST-SECRET-9\"]}]", "LIST-SECRET-9")]
    [InlineData("tags: [{apiKey: SECRETENUM}]", "SECRETENUM")]
    public async Task Error_messages_never_echo_a_secret_literal_of_any_shape(string badTags, string secret)
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync("mutation { createConnector(input: {name: \"n\", " + badTags + "}) { errors { __typename } } }");

        Assert.Equal(400, response.Status);
        Assert.DoesNotContain(secret, response.Text, StringComparison.Ordinal);
        Assert.Contains("******", response.FirstErrorMessage, StringComparison.Ordinal); // it was quoted, and masked
        Assert.Contains("Argument 'input' has invalid value", response.FirstErrorMessage, StringComparison.Ordinal); // still readable
    }
}
