using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Querying;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// A free-text word, a <c>field:value</c> value and a substring pattern are at most <see cref="TermLimits.MaxTermLength"/>
/// characters: each is matched through the trigram index, whose work grows with the pattern (a 300 KB word used to
/// cost seconds of CPU). Refused with a reason on REST and GraphQL; the longest allowed still works.
/// </summary>
public sealed class TermLengthTests(CocoServer server) : IClassFixture<CocoServer>, IDisposable
{
    private static readonly string Allowed = new('q', TermLimits.MaxTermLength);
    private static readonly string TooLong = new('q', TermLimits.MaxTermLength + 1);

    private readonly HttpClient _http = server.CreateHttpClient();
    private readonly GraphQLTestClient _client = new(server);

    public void Dispose()
    {
        _http.Dispose();
        _client.Dispose();
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("git {0}")]
    [InlineData("name:{0}")]
    public async Task Rest_query_words_longer_than_the_limit_are_refused(string shape)
    {
        using var refused = await _http.GetAsync($"/connector/_search?query={Uri.EscapeDataString(string.Format(shape, TooLong))}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Contains($"at most {TermLimits.MaxTermLength}", (string?)body["error"]!["reason"], StringComparison.Ordinal);

        using var allowed = await _http.GetAsync($"/connector/_search?query={Uri.EscapeDataString(string.Format(shape, Allowed))}");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Theory]
    [InlineData("query: $v")]
    [InlineData("where: { name: { contains: $v } }")]
    [InlineData("where: { description: { nstartsWith: $v } }")]
    [InlineData("where: { tags: { some: { endsWith: $v } } }")]
    public async Task GraphQL_words_and_patterns_longer_than_the_limit_are_refused(string argument)
    {
        var query = $"query($v: String!) {{ connectors({argument}) {{ totalCount }} }}";
        var refused = await _client.PostAsync(query, new { v = TooLong });
        Assert.Equal(QueryErrorCodes.TermTooLong, refused.FirstErrorCode);
        Assert.Contains($"at most {TermLimits.MaxTermLength}", refused.FirstErrorMessage, StringComparison.Ordinal);

        (await _client.PostAsync(query, new { v = Allowed })).Ok();
    }

    // A trigram is three characters, not three UTF-16 units: "a😀" has none, and used to send an empty index query (500).
    [Theory]
    [InlineData("a\U0001F600")]
    [InlineData("name:\u00e9\U0001F600")]
    public async Task A_short_word_with_a_character_beyond_the_basic_plane_is_searched(string query)
    {
        using var rest = await _http.GetAsync($"/connector/_search?query={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        (await _client.PostAsync("query($v: String!) { connectors(query: $v) { totalCount } }", new { v = query })).Ok();
    }

    [Fact]
    public async Task Config_values_shaped_like_encrypted_secrets_are_refused_and_nothing_is_stored()
    {
        // Stored as given (encryption is off here), such a value would be read back as ciphertext under a key the
        // server does not have, and the next start would refuse to run.
        var planted = "cocoenc:v1:k9:" + new string('A', 40);
        using var created = await _http.PostAsJsonAsync("connector/", new { id = "planted_cipher", name = "planted", config = new { password = planted } });
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("encrypted at rest", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var read = await _http.GetAsync("/connector/planted_cipher");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);

        // Text that merely begins like one (not well-formed) is ordinary text.
        using var lookalike = await _http.PostAsJsonAsync("connector/", new { name = "look-alike", config = new { note = "cocoenc:v1:k1:written-by-a-user" } });
        Assert.Equal(HttpStatusCode.OK, lookalike.StatusCode);
    }
}
