using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.GraphQL;

public sealed class ConnectorQueryTests(CocoServer server) : IClassFixture<CocoServer>
{
    [Fact]
    public async Task ConnectorById_returns_the_connector_or_null()
    {
        using var client = new GraphQLTestClient(server);
        var data = (await client.PostAsync("""{ github: connectorById(id: "github") { id name builtin } missing: connectorById(id: "nope") { id } }""")).Ok();

        Assert.Equal("github", data["github"]!["id"]!.GetValue<string>());
        Assert.Equal("GitHub Connector", data["github"]!["name"]!.GetValue<string>());
        Assert.True(data["github"]!["builtin"]!.GetValue<bool>());
        Assert.Null(data["missing"]);
    }

    [Fact]
    public async Task Node_resolves_the_raw_connector_id_to_a_Connector()
    {
        using var client = new GraphQLTestClient(server);
        var id = await client.CreateAsync(new { name = "Node me" });

        var data = (await client.PostAsync("query($id: ID!) { node(id: $id) { __typename id ... on Connector { name } } none: node(id: \"zzz\") { id } }", new { id })).Ok();

        Assert.Equal("Connector", data["node"]!["__typename"]!.GetValue<string>());
        Assert.Equal(id, data["node"]!["id"]!.GetValue<string>());
        Assert.Equal("Node me", data["node"]!["name"]!.GetValue<string>());
        Assert.Null(data["none"]);
    }

    [Fact]
    public async Task Nodes_keeps_the_order_of_the_ids_with_null_for_missing_ones()
    {
        using var client = new GraphQLTestClient(server);
        var data = (await client.PostAsync("""{ nodes(ids: ["rss", "missing", "github", "rss"]) { id ... on Connector { name } } }""")).Ok();

        var ids = data["nodes"]!.AsArray().Select(n => n?["id"]?.GetValue<string>() ?? "(null)").ToArray();
        Assert.Equal(["rss", "(null)", "github", "rss"], ids);
    }

    [Fact]
    public async Task Nodes_refuses_more_than_50_ids_as_a_request_error_even_for_a_cached_document()
    {
        using var client = new GraphQLTestClient(server);
        const string query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }";
        (await client.PostAsync(query, new { ids = new[] { "github" } })).Ok(); // now the document is cached

        var fifty = await client.PostAsync(query, new { ids = Enumerable.Range(0, 50).Select(i => $"id{i}").ToArray() });
        var tooMany = await client.PostAsync(query, new { ids = Enumerable.Range(0, 51).Select(i => $"id{i}").ToArray() });

        Assert.Equal(50, fifty.Ok()["nodes"]!.AsArray().Count);
        Assert.Equal(400, tooMany.Status);
        Assert.Null(tooMany.Json["data"]);
        Assert.Equal("HC0076", tooMany.FirstErrorCode);
        Assert.Contains("at most 50", tooMany.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_lists_node_nodes_and_connectorById_first_and_the_placeholder_is_gone()
    {
        using var client = new GraphQLTestClient(server);
        var data = (await client.PostAsync("{ __schema { queryType { fields { name } } mutationType { fields { name } } } }")).Ok();

        var queryFields = data["__schema"]!["queryType"]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToArray();
        var mutationFields = data["__schema"]!["mutationType"]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(["node", "nodes", "connectorById"], queryFields.Take(3));
        Assert.Equal(["createConnector", "updateConnector", "deleteConnector"], mutationFields);
    }
}
