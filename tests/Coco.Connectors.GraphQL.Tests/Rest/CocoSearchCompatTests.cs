using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Rest;

/// <summary>
/// <c>_search</c> parameters as Coco clients send them: <c>query=field:value</c> on a keyword field matches the whole
/// value, <c>default_operator</c>, and <c>sort=_score</c> / <c>fuzziness</c> accepted and reported as not applied.
/// </summary>
public sealed class CocoSearchCompatTests(CocoServer server) : IClassFixture<CocoServer>, IDisposable
{
    private readonly HttpClient _client = server.CreateHttpClient();

    [Fact]
    public async Task A_keyword_field_query_matches_the_whole_value()
    {
        // The built-ins hold both `database` and `vector_database` (milvus).
        var database = Categories(await SearchAsync("query=category:database&size=100"));
        Assert.NotEmpty(database);
        Assert.All(database, c => Assert.Equal("database", c));

        var vector = await SearchAsync("query=category:vector_database&size=100");
        Assert.Contains("milvus", Ids(vector));
    }

    [Fact]
    public async Task Default_operator_OR_matches_any_word_and_AND_every_word()
    {
        var and = Ids(await SearchAsync("query=" + Uri.EscapeDataString("milvus github")));
        Assert.Empty(and);

        var or = Ids(await SearchAsync("query=" + Uri.EscapeDataString("milvus github") + "&default_operator=OR&size=100"));
        Assert.Contains("milvus", or);
        Assert.Contains("github", or);

        var explicitAnd = Ids(await SearchAsync("query=" + Uri.EscapeDataString("milvus github") + "&default_operator=and"));
        Assert.Empty(explicitAnd);
    }

    [Fact]
    public async Task Sort_by_score_falls_back_to_the_other_keys_and_says_so()
    {
        var plain = await SearchAsync("sort=name:asc&size=100");
        var scored = await SearchAsync("sort=_score:desc,name:asc&size=100");
        Assert.Equal(Ids(plain), Ids(scored));
        Assert.Contains(scored.Raw.Headers.GetValues("Warning"), w => w.Contains("_score", StringComparison.Ordinal));

        var onlyScore = await SearchAsync("sort=_score&size=100");
        Assert.Equal(Ids(await SearchAsync("size=100")), Ids(onlyScore));
        Assert.False(plain.Raw.Headers.Contains("Warning"));
    }

    [Fact]
    public async Task Fuzziness_is_accepted_and_reported_ignored_when_it_would_change_matching()
    {
        var fuzzy = await SearchAsync("query=github&fuzziness=3");
        Assert.Contains("github", Ids(fuzzy));
        Assert.Contains(fuzzy.Raw.Headers.GetValues("Warning"), w => w.Contains("fuzziness=3 is ignored", StringComparison.Ordinal));

        var plainMatch = await SearchAsync("query=github&fuzziness=1");
        Assert.False(plainMatch.Raw.Headers.Contains("Warning"));
    }

    [Theory]
    [InlineData("fuzziness=6", "fuzziness")]
    [InlineData("fuzziness=AUTO", "fuzziness")]
    [InlineData("default_operator=XOR", "default_operator")]
    public async Task Bad_values_get_Cocos_400_envelope(string parameters, string named)
    {
        var response = await _client.GetJsonAsync("connector/_search?" + parameters);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(400, (int)response.Object["status"]!);
        Assert.Contains(named, (string)response.Object["error"]!["reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_POST_body_takes_the_same_parameters()
    {
        var response = await _client.SendJsonAsync(HttpMethod.Post, "connector/_search",
            """{"query": "milvus github", "default_operator": "OR", "fuzziness": 2, "size": 100}""");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("milvus", Ids(response));
        Assert.Contains(response.Raw.Headers.GetValues("Warning"), w => w.Contains("fuzziness", StringComparison.Ordinal));
    }

    public void Dispose() => _client.Dispose();

    private async Task<JsonResponse> SearchAsync(string parameters)
    {
        var response = await _client.GetJsonAsync($"connector/_search?{parameters}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response;
    }

    private static List<string> Ids(JsonResponse response) =>
        [.. (response.Object["hits"]!["hits"] as JsonArray ?? []).Select(h => (string)h!["_id"]!)];

    private static List<string?> Categories(JsonResponse response) =>
        [.. response.Object["hits"]!["hits"]!.AsArray().Select(h => (string?)h!["_source"]!["category"])];
}
