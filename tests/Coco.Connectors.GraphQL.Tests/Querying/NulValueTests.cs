using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Querying;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// A filter or search value holding U+0000 is refused with a reason on both stores, and an id holding it names no
/// connector: PostgreSQL text cannot carry it (the statement used to fail as a server error) and no stored text holds it.
/// </summary>
public sealed class NulValueTests(CocoServer server) : IClassFixture<CocoServer>, IDisposable
{
    private readonly HttpClient _http = server.CreateHttpClient();
    private readonly GraphQLTestClient _client = new(server);

    public void Dispose()
    {
        _http.Dispose();
        _client.Dispose();
    }

    [Theory]
    [InlineData("query=a%00b")]
    [InlineData("query=tags:a%00b")]
    [InlineData("query=name:a%00b")]
    [InlineData("filter=name:a%00b")]
    [InlineData("filter=name>=a%00")]
    [InlineData("filter=tags:any(x,a%00b)")]
    public async Task Rest_search_refuses_it(string parameters)
    {
        using var refused = await _http.GetAsync($"/connector/_search?{parameters}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Contains("U+0000", (string?)body["error"]!["reason"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("query: $v")]
    [InlineData("where: { name: { eq: $v } }")]
    [InlineData("where: { name: { startsWith: $v } }")]
    [InlineData("where: { name: { nin: [$v] } }")]
    [InlineData("where: { category: { in: [\"database\", $v] } }")]
    [InlineData("where: { tags: { some: { eq: $v } } }")]
    [InlineData("where: { tags: { some: { contains: $v } } }")]
    public async Task GraphQL_refuses_it(string argument)
    {
        var query = $"query($v: String!) {{ connectors({argument}) {{ totalCount nodes {{ id }} }} }}";
        var refused = await _client.PostAsync(query, new { v = "a\0b" });
        Assert.Equal(QueryErrorCodes.NulCharacter, refused.FirstErrorCode);
        Assert.Contains("U+0000", refused.FirstErrorMessage, StringComparison.Ordinal);

        (await _client.PostAsync(query, new { v = "ab" })).Ok();
    }

    [Fact]
    public async Task An_id_with_it_is_not_found_by_lookups_updates_and_deletes()
    {
        var byId = (await _client.PostAsync("query($id: ID!) { connectorById(id: $id) { id } connectorsById(ids: [$id]) { id } }", new { id = "ab\0c" })).Ok();
        Assert.Null(byId["connectorById"]);
        Assert.Null(byId["connectorsById"]![0]);

        var update = await _client.PostAsync(
            "mutation($id: ID!) { updateConnector(input: {id: $id, name: \"x\"}) { connector { id } errors { __typename } } }", new { id = "ab\0c" });
        Assert.Equal("ConnectorNotFoundError", (string?)update.Ok()["updateConnector"]!["errors"]![0]!["__typename"]);

        var delete = await _client.PostAsync(
            "mutation($id: ID!) { deleteConnector(input: {id: $id}) { deletedId errors { __typename } } }", new { id = "ab\0c" });
        Assert.Equal("ConnectorNotFoundError", (string?)delete.Ok()["deleteConnector"]!["errors"]![0]!["__typename"]);
    }
}
