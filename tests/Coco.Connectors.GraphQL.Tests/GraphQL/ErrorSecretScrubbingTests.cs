using Coco.Connectors.Server.Transport;
using Coco.Connectors.Tests.Infrastructure;
using GraphQL;

namespace Coco.Connectors.Tests.GraphQL;

/// <summary>
/// Error messages never quote a secret, however it is written (hostile-input issue, item 12): with quotes,
/// backslashes, tabs, new lines, control or non-ASCII characters, in GraphQL strings, block strings and variables,
/// in documents that validate and in documents that do not parse, and as the password of a URL.
/// </summary>
public sealed class ErrorSecretScrubbingTests(CocoServer server) : IClassFixture<CocoServer>
{
    private static void AssertScrubbed(GraphQLResponse response, string marker)
    {
        Assert.Equal(400, response.Status);
        var message = response.FirstErrorMessage;
        Assert.DoesNotContain(marker, response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, message, StringComparison.Ordinal);
        Assert.Contains("******", message, StringComparison.Ordinal); // it was quoted, and masked
    }

    // A wrongly typed literal is printed whole, with the secret escaped the way GraphQL writes strings.
    [Theory]
    [InlineData("\"SECa\\twith-tab\"", "SECa")]
    [InlineData("\"SECb \\\"quoted\\\"\"", "SECb")]
    [InlineData("\"SECc\\\\back\\\\slash\\\\\"", "SECc")]
    [InlineData("\"SECd\\nnew\\r\\nlines\"", "SECd")]
    [InlineData("\"SECe\\u0001\\u001fcontrol\\b\\f\"", "SECe")]
    [InlineData("\"SECf caf\\u00e9 \\/ \\uD83D\\uDE00\"", "SECf")]
    [InlineData("\"\"\"SECg \"quoted\" \\ back\n    second line\n  \"\"\"", "SECg")]
    [InlineData("\"\"\"SECh with \\\"\"\" inside\"\"\"", "SECh")]
    [InlineData("\"SECi\tliteral tab\"", "SECi")]
    public async Task A_secret_literal_with_escaped_characters_is_masked(string literal, string marker)
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync("mutation { createConnector(input: {name: \"n\", tags: [{token: " + literal + "}]}) { errors { __typename } } }");

        AssertScrubbed(response, marker);
        Assert.Contains("Argument 'input' has invalid value", response.FirstErrorMessage, StringComparison.Ordinal); // still readable
    }

    [Theory]
    [InlineData("database_url: \"postgres://u:SECj\\\"pw\\\\x@h/db\"", "SECj")]
    [InlineData("proxy: \"http://u:SECk@proxy:3128\"", "SECk")]
    [InlineData("anything: [\"see mysql://root:SECl@h/db\"]", "SECl")]
    public async Task A_URL_password_in_any_literal_is_masked(string field, string marker)
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync("mutation { createConnector(input: {name: \"n\", tags: [{" + field + "}]}) { errors { __typename } } }");

        AssertScrubbed(response, marker);
        Assert.Contains(":******@", response.FirstErrorMessage, StringComparison.Ordinal); // only the password went
    }

    // The parser quotes the token it stopped at, unescaped: a document that does not parse is read token by token.
    [Theory]
    [InlineData("config: {token \"SECm\\tx\"}", "SECm")]
    [InlineData("config: {token \"\"\"SECn\tblock \"q\" \"\"\"}", "SECn")]
    [InlineData("config: {password \"SECo\\u0009\\\"\"}", "SECo")]
    [InlineData("config: {tokens: [\"a\", {\"SECp\\n\"}]}", "SECp")]
    [InlineData("config: {x: \"postgres://u:SECq@h\" \"postgres://v:SECq2@h\"}", "SECq2")]
    public async Task A_secret_in_a_document_that_does_not_parse_is_masked(string config, string marker)
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync("mutation { createConnector(input: {name: \"n\", " + config + "}) { errors { __typename } } }");

        Assert.Equal("SYNTAX_ERROR", response.FirstErrorCode);
        AssertScrubbed(response, marker);
    }

    [Theory]
    [InlineData("SECr\t\"quoted\"\\back\nline\u0001")]
    [InlineData("postgres://u:SECr@h/db")]
    public async Task A_secret_variable_with_escaped_characters_is_masked(string value)
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync(
            "query($token: Int, $plain: Int) { a: connectors(first: $token) { totalCount } b: connectors(first: $plain) { totalCount } }",
            new { token = value, plain = value });

        AssertScrubbed(response, "SECr");
        Assert.Contains("$token", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_are_withheld_when_checking_them_against_every_secret_would_cost_too_much()
    {
        var variables = new Inputs(Enumerable.Range(0, 3000).ToDictionary(i => $"token{i}", i => (object?)$"s{i:D5}-{new string('x', 40)}"));
        var errors = new ExecutionErrors();
        for (var i = 0; i < 200; i++)
        {
            errors.Add(new ExecutionError($"Variable '$token{i}' is invalid. Unable to convert '{variables[$"token{i}"]}' to 'Int'") { Code = "INVALID_VALUE" });
        }

        var scrubbed = ErrorSecretScrubber.Scrub(new ExecutionResult { Errors = errors }, "query { __typename }", variables);

        Assert.Equal(200, scrubbed.Errors!.Count);
        Assert.All(scrubbed.Errors, e => Assert.Equal(ErrorSecretScrubber.Withheld, e.Message));
        Assert.All(scrubbed.Errors, e => Assert.Equal("INVALID_VALUE", e.Code));
    }

    [Fact]
    public void A_few_secrets_are_masked_one_by_one()
    {
        var variables = new Inputs(new Dictionary<string, object?> { ["token"] = "s3cr\"et", ["name"] = "visible" });
        var errors = new ExecutionErrors { new ExecutionError("found {token: \"s3cr\\\"et\", name: \"visible\"} and 's3cr\"et'") };

        var scrubbed = ErrorSecretScrubber.Scrub(new ExecutionResult { Errors = errors }, null, variables);

        Assert.Equal("found {token: \"******\", name: \"visible\"} and '******'", scrubbed.Errors![0].Message);
    }
}
