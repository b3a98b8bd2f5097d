using System.Net;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Rest;

/// <summary>Every bad input gets a 4xx with a reason a person can act on, and the store is unchanged afterwards.</summary>
public sealed class RestBadInputTests(CocoServer server) : IClassFixture<CocoServer>
{
    private readonly HttpClient _client = server.CreateHttpClient();

    public static TheoryData<string, string, string?, int, string> Cases => new()
    {
        { "POST", "connector/", "{\"name\": ", 400, "not valid JSON" },
        { "POST", "connector/", "", 400, "body is empty" },
        { "POST", "connector/", "[{\"name\":\"x\"}]", 400, "not an array" },
        { "POST", "connector/", "\"just text\"", 400, "must be a JSON object" },
        { "POST", "connector/", "{\"name\": 5}", 400, "name must be a string" },
        { "POST", "connector/", "{\"name\": \"x\", \"tags\": \"x\"}", 400, "tags must be an array of strings" },
        { "POST", "connector/", "{\"name\": \"x\", \"config\": []}", 400, "config must be an object" },
        { "POST", "connector/", "{\"name\": \"x\", \"enabled\": \"yes\"}", 400, "enabled must be a boolean" },
        { "POST", "connector/", "{\"name\": \"x\", \"url\": \"not a url\"}", 400, "url must be an absolute http or https URL" },
        { "POST", "connector/", "{\"name\": \"x\", \"id\": \"../etc\"}", 400, "id must be" },
        { "POST", "connector/", "{\"description\": \"no name\"}", 400, "name is required" },
        { "POST", "connector/", "{\"name\": \"   \"}", 400, "name must not be blank" },
        { "POST", "connector/", "{\"name\": \"" + new string('n', 257) + "\"}", 400, "at most 256 characters" },
        { "GET", "connector/..%2f", null, 400, "not a valid connector id" },
        { "PUT", "connector/github?replace=maybe", "{\"name\":\"x\"}", 400, "replace must be true or false" },
        { "PUT", "connector/github", "{\"name\": null}", 400, "name is required" },
        { "PUT", "connector/github", "{\"processor\": {\"enabled\": 1}}", 400, "processor.enabled must be a boolean" },
        { "PUT", "connector/github", "[]", 400, "not an array" },
        { "GET", "connector/_search?from=-1", null, 400, "from must be a whole number" },
        { "GET", "connector/_search?size=100000", null, 400, "size must be a whole number from 0 to 1000" },
        { "GET", "connector/_search?size=ten", null, 400, "size must be a whole number" },
        { "GET", "connector/_search?sort=nope:sideways", null, 400, "cannot sort on 'nope'" },
        { "GET", "connector/_search?sort=name:sideways", null, 400, "must be asc or desc" },
        { "GET", "connector/_search?filter=:x", null, 400, "cannot be parsed" },
        { "GET", "connector/_search?filter=exists(", null, 400, "cannot be parsed" },
        { "GET", "connector/_search?filter=nope:x", null, 400, "unknown field 'nope'" },
        { "GET", "connector/_search?filter=enabled:maybe", null, 400, "true or false" },
        { "GET", "connector/_search?filter=created>yesterday", null, 400, "needs a date-time" },
        { "GET", "connector/_search?filter=tags>a", null, 400, "cannot be compared" },
        { "POST", "connector/_search", "{\"query\": {\"match_all\": {}}}", 400, "query DSL objects are not supported" },
        { "POST", "connector/_search", "{\"aggs\": {\"x\": {\"terms\": {\"field\": \"name\"}}}}", 400, "only a terms aggregation on the category field" },
        { "POST", "connector/_search", "{\"size\": true}", 400, "size has the wrong JSON type" },
        { "POST", "connector/_search", "{\"aggs\": {" + string.Join(",", Enumerable.Range(0, 11).Select(i => $"\"a{i}\": {{\"terms\": {{\"field\": \"category\"}}}}")) + "}}", 400, "at most 10 aggregations" },
        { "GET", "connector/_search?filter=-", null, 400, "negates nothing" },
        { "GET", "connector/_search?filter=!%20", null, 400, "negates nothing" },
        { "GET", "connector/_search?from=2000000000", null, 400, "from must be a whole number from 0 to 1000000" },
        { "GET", "connector/_search?query=" + string.Join("+", Enumerable.Repeat("a", 65)), null, 400, "at most 64 are allowed" },
        { "GET", "connector/_search?" + string.Join("&", Enumerable.Range(0, 65).Select(i => $"filter=id:x{i}")), null, 400, "at most 64 are allowed" },
        { "GET", "connector/_search?filter=id:any(" + string.Join(",", Enumerable.Range(0, 65)) + ")", null, 400, "at most 64 are allowed" },
        { "POST", "connector/", "{\"name\": \"x\", \"config\": " + new string('[', 40) + new string(']', 40) + "}", 400, "config must be an object" },
        { "POST", "connector/", "{\"name\": \"x\", \"config\": {\"a\": " + new string('[', 40) + new string(']', 40) + "}}", 400, "levels deep" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_4xx_with_a_reason_and_changes_nothing(string method, string path, string? body, int status, string reason)
    {
        var before = await server.SnapshotAsync();
        var response = await _client.SendJsonAsync(new HttpMethod(method), path, body);

        Assert.Equal(status, (int)response.Status);
        Assert.Equal(status, (int?)response.Object["status"]);
        Assert.Contains(reason, (string?)response.Object["error"]!["reason"], StringComparison.Ordinal);
        Assert.Equal(before, await server.SnapshotAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_400()
    {
        var before = await server.SnapshotAsync();
        using var content = new ByteArrayContent([.. "{\"name\": \""u8, 0xC3, 0x28, .. "\"}"u8]);
        content.Headers.ContentType = new("application/json");
        var response = await HttpJson.ReadAsync(await _client.PostAsync(new Uri("connector/", UriKind.Relative), content));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("UTF-8", (string?)response.Object["error"]!["reason"], StringComparison.Ordinal);
        Assert.Equal(before, await server.SnapshotAsync());
    }

    [Fact]
    public async Task A_ten_megabyte_body_is_413_and_the_server_keeps_serving()
    {
        var before = await server.SnapshotAsync();
        var huge = "{\"name\": \"" + new string('x', 10 * 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("connector/", UriKind.Relative))
        {
            Content = new StringContent(huge, System.Text.Encoding.UTF8, "application/json"),
        };

        // The client waits for the server before sending the body, so the refusal is read, never a reset mid-upload.
        request.Headers.ExpectContinue = true;
        var response = await HttpJson.ReadAsync(await _client.SendAsync(request));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(413, (int?)response.Object["status"]);
        Assert.Equal("payload_too_large", (string?)response.Object["error"]!["type"]);
        using var fresh = server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(before, await server.SnapshotAsync());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_too()
    {
        var before = await server.SnapshotAsync();
        using var content = new StreamContent(new MemoryStream(new byte[2 * 1024 * 1024]));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("connector/", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await HttpJson.ReadAsync(await _client.SendAsync(request));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(before, await server.SnapshotAsync());
    }
}
