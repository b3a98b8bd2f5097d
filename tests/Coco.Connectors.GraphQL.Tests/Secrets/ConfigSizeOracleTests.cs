using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Secrets;

/// <summary>
/// The config size limit is checked on the merged document, which holds the stored secrets; it must not answer
/// differently for a short and a long stored secret, or a writer could find a secret's length by bisection.
/// </summary>
public sealed class ConfigSizeOracleTests(CocoServer server) : IClassFixture<CocoServer>
{
    // What a config {"token": <secret>, "pad": "x…x"} weighs before the padding: as readers see it, plus one secret.
    private static readonly int Overhead = """{"token":"******","pad":""}""".Length + ConnectorLimits.MaxSecretBytes;

    private readonly HttpClient _http = server.CreateHttpClient();

    private async Task<string> CreateAsync(string token)
    {
        var created = await _http.SendJsonAsync(HttpMethod.Post, "connector/", new JsonObject { ["name"] = "sized", ["config"] = new JsonObject { ["token"] = token } }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (string)created.Object["_id"]!;
    }

    private async Task<(bool Accepted, string Text)> PadAsync(string id, int padding, bool graphQL)
    {
        var config = new JsonObject { ["pad"] = new string('x', padding) };
        if (!graphQL)
        {
            var put = await _http.SendJsonAsync(HttpMethod.Put, $"connector/{id}", new JsonObject { ["config"] = config }.ToJsonString());
            return (put.Status == HttpStatusCode.OK, put.Text);
        }

        using var client = new GraphQLTestClient(server);
        var response = await client.PostAsync(
            "mutation($input: UpdateConnectorInput!) { updateConnector(input: $input) { errors { ... on ValidationError { field message } } } }",
            new JsonObject { ["input"] = new JsonObject { ["id"] = id, ["config"] = config } });
        return (response.Ok()["updateConnector"]!["errors"] is null, response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_size_limit_answers_the_same_whatever_the_stored_secrets_length(bool graphQL)
    {
        var shortSecret = await CreateAsync("short-secret");
        var longSecret = await CreateAsync(new string('s', ConnectorLimits.MaxSecretBytes - 2));
        var largest = ConnectorLimits.MaxConfigBytes - Overhead;

        foreach (var id in new[] { shortSecret, longSecret })
        {
            var (tooBig, reason) = await PadAsync(id, largest + 1, graphQL);
            Assert.False(tooBig, reason);
            Assert.Contains($"must be at most {ConnectorLimits.MaxConfigBytes} bytes of JSON, each secret counted as {ConnectorLimits.MaxSecretBytes} bytes", reason, StringComparison.Ordinal);

            var (fits, text) = await PadAsync(id, largest, graphQL);
            Assert.True(fits, text);
        }

        Assert.Equal(ConnectorLimits.MaxSecretBytes - 2, ((string?)(await server.StoredAsync(longSecret))!.Config!["token"])!.Length);
    }

    [Fact]
    public async Task One_secret_may_take_at_most_the_size_it_counts_for()
    {
        await CreateAsync(new string('s', ConnectorLimits.MaxSecretBytes - 2)); // 8192 bytes with its quotes

        var refused = await _http.SendJsonAsync(HttpMethod.Post, "connector/", new JsonObject
        {
            ["name"] = "too big",
            ["config"] = new JsonObject { ["nested"] = new JsonObject { ["api_key"] = new string('s', ConnectorLimits.MaxSecretBytes - 1) } },
        }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.StartsWith("config.nested.api_key is a secret: it must be at most 8192 bytes", (string?)refused.Object["error"]!["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_nests_at_most_eight_levels_and_its_depth_is_not_counted_with_the_config()
    {
        static JsonNode Nest(int levels, JsonNode inner) => levels == 0 ? inner : new JsonArray(Nest(levels - 1, inner));

        var tooDeep = await _http.SendJsonAsync(HttpMethod.Post, "connector/",
            new JsonObject { ["name"] = "deep secret", ["config"] = new JsonObject { ["token"] = Nest(9, "t") } }.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, tooDeep.Status);
        Assert.Contains("config.token is a secret", (string?)tooDeep.Object["error"]!["reason"], StringComparison.Ordinal);

        // 30 levels of config around a secret 8 levels deep: 38 in all, but the config reads 31 deep once masked.
        var deepConfig = new JsonObject { ["outer"] = Nest(29, new JsonObject { ["token"] = Nest(8, "t") }) };
        var accepted = await _http.SendJsonAsync(HttpMethod.Post, "connector/", new JsonObject { ["name"] = "deep config", ["config"] = deepConfig }.ToJsonString());
        Assert.True(accepted.Status == HttpStatusCode.OK, accepted.Text);
        var got = await _http.GetJsonAsync($"connector/{(string)accepted.Object["_id"]!}");
        Assert.Equal(HttpStatusCode.OK, got.Status);
    }
}
