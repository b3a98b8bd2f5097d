using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;

namespace Coco.Connectors.Tests.Clients;

/// <summary>
/// Automatic persisted queries as Apollo's <c>PersistedQueryLink</c> and HotChocolate speak them: a hash-only request
/// for an unknown document answers <c>PersistedQueryNotFound</c>, the retry with the text registers it (hash verified),
/// and later hash-only requests run it, over POST, GET and the other transports (one cache).
/// </summary>
public sealed class PersistedQueryTests(CocoServer server) : IClassFixture<CocoServer>, IDisposable
{
    private readonly GraphQLTestClient _client = new(server);

    [Fact]
    public async Task A_hash_only_miss_is_PersistedQueryNotFound_and_the_retry_registers_the_document()
    {
        var query = Unique("{ connectorById(id: \"github\") { id name } }");
        var hashOnly = Body(null, Sha256(query));

        var miss = await _client.PostRawAsync(hashOnly);
        Assert.Equal(400, miss.Status);
        Assert.Equal("PersistedQueryNotFound", miss.FirstErrorMessage);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", miss.FirstErrorCode);
        var missAsJson = await _client.PostRawAsync(hashOnly, accept: "application/json");
        Assert.Equal(200, missAsJson.Status);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", missAsJson.FirstErrorCode);

        var registered = await _client.PostRawAsync(Body(query, Sha256(query)));
        Assert.Equal("github", registered.Ok()["connectorById"]!["id"]!.GetValue<string>());

        var hit = await _client.PostRawAsync(hashOnly);
        Assert.Equal("github", hit.Ok()["connectorById"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_caller_without_a_token_cannot_fill_the_shared_cache()
    {
        var query = Unique("{ __typename }");
        using var anonymous = server.CreateAnonymousHttpClient();
        var ran = await anonymous.SendJsonAsync(HttpMethod.Post, "/graphql", Body(query, Sha256(query)));
        Assert.Equal("Query", (string?)ran.Object["data"]!["__typename"]);

        var hashOnly = await _client.PostRawAsync(Body(null, Sha256(query)));
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", hashOnly.FirstErrorCode);
    }

    [Fact]
    public async Task GET_registers_and_runs_by_hash_too()
    {
        var query = Unique("query Named { connectorById(id: \"github\") { name } }");
        var extensions = Extensions(Sha256(query)).ToJsonString();

        var miss = await _client.GetAsync("graphql?extensions=" + Uri.EscapeDataString(extensions));
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", miss.FirstErrorCode);

        var registered = await _client.GetAsync("graphql?query=" + Uri.EscapeDataString(query) + "&extensions=" + Uri.EscapeDataString(extensions));
        Assert.NotNull(registered.Ok()["connectorById"]);

        var hit = await _client.GetAsync("graphql?operationName=Named&extensions=" + Uri.EscapeDataString(extensions));
        Assert.NotNull(hit.Ok()["connectorById"]);
    }

    [Fact]
    public async Task A_wrong_hash_is_refused_and_registers_nothing()
    {
        var query = Unique("{ connectorById(id: \"github\") { id } }");
        var other = Sha256(query + " ");

        var wrong = await _client.PostRawAsync(Body(query, other));
        Assert.Equal(400, wrong.Status);
        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", wrong.FirstErrorCode);
        Assert.Null(wrong.Json["data"]);

        var after = await _client.PostRawAsync(Body(null, other));
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", after.FirstErrorCode);
    }

    [Fact]
    public async Task An_invalid_document_is_not_registered()
    {
        var query = Unique("{ connectorById(id: \"github\") { nope } }");
        var invalid = await _client.PostRawAsync(Body(query, Sha256(query)));
        Assert.Equal(400, invalid.Status);

        var after = await _client.PostRawAsync(Body(null, Sha256(query)));
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", after.FirstErrorCode);
    }

    [Theory]
    [InlineData("""{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "nothex"}}}""", "INVALID_REQUEST")]
    [InlineData("""{"extensions": {"persistedQuery": {"version": 2, "sha256Hash": "0000000000000000000000000000000000000000000000000000000000000000"}}}""", "PERSISTED_QUERY_VERSION_NOT_SUPPORTED")]
    [InlineData("""{"extensions": {"persistedQuery": "x"}}""", "INVALID_REQUEST")]
    [InlineData("""{"documentId": "sha256:0000000000000000000000000000000000000000000000000000000000000000"}""", "PERSISTED_DOCUMENT_NOT_FOUND")]
    [InlineData("""{"documentId": 5}""", "INVALID_REQUEST")]
    public async Task Malformed_persisted_requests_get_a_clear_400(string body, string code)
    {
        var response = await _client.PostRawAsync(body);
        Assert.Equal(400, response.Status);
        Assert.Equal(code, response.FirstErrorCode);
    }

    [Fact]
    public async Task A_document_registered_over_HTTP_runs_by_hash_over_a_WebSocket()
    {
        var query = Unique("{ connectorById(id: \"github\") { id } }");
        (await _client.PostRawAsync(Body(query, Sha256(query)))).Ok();

        await using var socket = await WsTestClient.ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await socket.SendAsync(new { id = "1", type = "subscribe", payload = new { extensions = Extensions(Sha256(query)) } });
        var next = await socket.ReceiveAsync("next");
        Assert.Equal("github", next.GetProperty("payload").GetProperty("data").GetProperty("connectorById").GetProperty("id").GetString());
    }

    public void Dispose() => _client.Dispose();

    internal static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    internal static JsonObject Extensions(string hash) =>
        new() { ["persistedQuery"] = new JsonObject { ["version"] = 1, ["sha256Hash"] = hash } };

    internal static string Body(string? query, string hash)
    {
        var body = new JsonObject { ["extensions"] = Extensions(hash) };
        if (query is not null)
        {
            body["query"] = query;
        }

        return body.ToJsonString();
    }

    // Each test its own document, so the shared cache does not make one test's registration another's hit.
    private static string Unique(string query) => query + " # " + Guid.NewGuid().ToString("N");
}
