using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Input;

/// <summary>
/// Refusals that say what is wrong: JSON nested too deeply is reported as too deep, with the limit, not as "not valid
/// JSON"; a URL too long gets a 414 with a body that says to use POST (GraphQL) or to shorten it (REST).
/// </summary>
public sealed class DeepJsonAndLongUrlTests(CocoServer server) : IClassFixture<CocoServer>
{
    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    [Fact]
    public async Task Rest_bodies_nested_too_deeply_are_reported_as_too_deep_with_the_limit()
    {
        using var client = server.CreateHttpClient();
        var response = await client.SendJsonAsync(HttpMethod.Post, "connector/", $$$"""{"name":"deep","config":{"x":{{{Nested(80)}}}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var reason = (string)response.Object["error"]!["reason"]!;
        Assert.Contains("more than 64 levels", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("not valid JSON", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphQL_bodies_nested_too_deeply_are_reported_as_too_deep_with_the_limit()
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostRawAsync($$$"""{"query":"{ __typename }","variables":{"x":{{{Nested(80)}}}}}""");

        Assert.Equal(("JSON_TOO_DEEP", 400), (response.FirstErrorCode, response.Status));
        Assert.Contains("more than 64 levels", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nesting_at_the_limit_and_broken_json_keep_their_answers()
    {
        using var client = new GraphQLTestClient(server);
        (await client.PostRawAsync($$$"""{"query":"{ __typename }","variables":{"x":{{{Nested(62)}}}}}""")).Ok();

        var broken = await client.PostRawAsync($$$"""{"query":"{ __typename }","variables":{"x":{{{Nested(10)[..^3]}}}}""");
        Assert.Equal(("INVALID_JSON", 400), (broken.FirstErrorCode, broken.Status));
    }

    [Fact]
    public async Task A_graphql_url_too_long_is_answered_414_with_a_graphql_error_saying_to_use_post()
    {
        using var client = new GraphQLTestClient(server);
        var query = "{ " + string.Concat(Enumerable.Repeat("__typename ", 1_000)) + "}";
        var response = await client.GetAsync($"graphql?query={Uri.EscapeDataString(query)}");

        Assert.Equal((414, "URI_TOO_LONG"), (response.Status, response.FirstErrorCode));
        Assert.Contains("POST", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rest_url_too_long_is_answered_414_in_cocos_envelope()
    {
        using var client = server.CreateHttpClient();
        using var response = await client.GetAsync("connector/_search?query=" + new string('a', 9_000));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal(414, (int?)body["status"]);
        Assert.Equal("uri_too_long", (string?)body["error"]!["type"]);
    }
}
