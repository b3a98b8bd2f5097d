using System.Text.Json;

namespace Coco.Connectors.Tests.Querying;

public sealed class OffsetPagingAndFacetTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    private const string ByName = "[{name: ASC}]";

    [Theory]
    [InlineData(0, 3, "ACH", true, false)]
    [InlineData(3, 3, "FBE", true, true)]
    [InlineData(6, 3, "GD", false, true)]
    [InlineData(8, 3, "", false, true)]
    [InlineData(2, 0, "", true, true)]
    public async Task Skip_and_take_return_the_segment(int skip, int take, string expected, bool hasNext, bool hasPrevious)
    {
        // By name, ordinal: Alpha, Gamma Drive, Hollow, Zeta, beta, epsilon, Éta, Δelta.
        await server.EnsureSeededAsync();
        var segment = Segment(await server.GraphQL.ExecuteAsync(
            $$"""{ connectorsPage(skip: {{skip}}, take: {{take}}, where: {{QueryDataset.Scope}}, order: {{ByName}}) { items { id } pageInfo { hasNextPage hasPreviousPage } totalCount } }"""));
        Assert.Equal(QueryDataset.Ids(expected), Ids(segment));
        Assert.Equal(hasNext, segment.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(hasPrevious, segment.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(8, segment.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Take_defaults_to_10_and_the_order_to_newest_first()
    {
        await server.EnsureSeededAsync();
        var segment = Segment(await server.GraphQL.ExecuteAsync("{ connectorsPage { items { id } pageInfo { hasNextPage } } }"));
        Assert.Equal(10, segment.GetProperty("items").GetArrayLength());
        Assert.Equal("qa-h", Ids(segment)[0]);
        Assert.True(segment.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task Take_above_50_is_HC0051()
    {
        var response = await server.GraphQL.ExecuteAsync("{ connectorsPage(take: 51) { items { id } } }");
        Assert.Equal("HC0051", response.ErrorCode);
        Assert.Equal(51, response.FirstError.GetProperty("extensions").GetProperty("requestedItems").GetInt32());
        Assert.Equal("Query.connectorsPage", response.FirstError.GetProperty("extensions").GetProperty("coordinate").GetString());
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("connectorsPage").ValueKind);
    }

    [Theory]
    [InlineData("take: -1", "take")]
    [InlineData("skip: -1", "skip")]
    public async Task Negative_skip_or_take_is_refused(string arguments, string argument)
    {
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectorsPage({{arguments}}) { items { id } } }""");
        Assert.Equal("HC0079", response.ErrorCode);
        Assert.Equal(argument, response.FirstError.GetProperty("extensions").GetProperty("argument").GetString());
    }

    [Fact]
    public async Task Category_facets_count_the_filtered_set()
    {
        await server.EnsureSeededAsync();
        var facets = await FacetsAsync($"where: {QueryDataset.Scope}");
        Assert.Equal(["code:2", "Code:1", "cloud_storage:1", "database:1", "website:1"], facets);
    }

    [Fact]
    public async Task Category_facets_honour_query_and_where_together()
    {
        await server.EnsureSeededAsync();
        Assert.Equal(["code:1"], await FacetsAsync($"query: \"GitHub\", where: {QueryDataset.Scope}"));
        Assert.Equal(["Code:1", "code:1"], await FacetsAsync($"where: {{and: [{QueryDataset.Scope}, {{enabled: {{eq: false}}}}]}}"));
        Assert.Empty(await FacetsAsync("""where: {name: {eq: "nothing has this name"}}"""));
    }

    [Fact]
    public async Task Category_facets_without_arguments_cover_the_whole_store()
    {
        await server.EnsureSeededAsync();
        var total = (await FacetsAsync("")).Sum(f => int.Parse(f.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture));
        var withCategory = (await server.GraphQL.ExecuteAsync("{ connectors(where: {category: {neq: null}}) { totalCount } }"))
            .Ok().GetProperty("connectors").GetProperty("totalCount").GetInt32();
        Assert.Equal(withCategory, total);
    }

    private async Task<List<string>> FacetsAsync(string arguments)
    {
        var query = arguments.Length == 0 ? "{ connectorCategories { category count } }" : $$"""{ connectorCategories({{arguments}}) { category count } }""";
        return [.. (await server.GraphQL.ExecuteAsync(query)).Ok().GetProperty("connectorCategories").EnumerateArray()
            .Select(f => $"{f.GetProperty("category").GetString()}:{f.GetProperty("count").GetInt32()}")];
    }

    private static JsonElement Segment(GraphQLResponse response) => response.Ok().GetProperty("connectorsPage");

    private static List<string> Ids(JsonElement segment) =>
        [.. segment.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];
}
