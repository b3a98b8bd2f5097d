using System.Net;
using Coco.Connectors.Querying;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// One query model: the same question asked through GraphQL (<c>query/where/order</c>) and through REST
/// <c>_search</c> (<c>query/filter/sort</c>) returns the same ids in the same order, and the facets agree.
/// </summary>
public sealed class RestParityTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    // The dataset's ids are exactly those from "qa-" up to (not including) "qa.", the next code point after '-'.
    private const string RestScope = "filter=id>=qa-&filter=id<qa.";

    public static TheoryData<string, string> SortPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in QueryFields.All.Where(f => f.Sortable))
        {
            foreach (var (graphQL, rest) in new[] { ("ASC", "asc"), ("DESC", "desc") })
            {
                var order = field.Name.StartsWith("processor.", StringComparison.Ordinal)
                    ? $"{{processor: {{{field.Name["processor.".Length..]}: {graphQL}}}}}"
                    : $"{{{field.Name}: {graphQL}}}";
                data.Add(order, $"{field.RestName}:{rest}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SortPairs))]
    public async Task Sorting_on_each_field_agrees(string order, string sort) =>
        await AssertSameIdsAsync(null, $"order: [{order}]", $"sort={sort}");

    [Theory]
    [InlineData(null, "query: \"GITHUB\"", "query=GITHUB")]
    [InlineData(null, "query: \"ünï\"", "query=%C3%9Cn%C3%AF")]
    [InlineData(null, "query: \"drive files\"", "query=drive+files")]
    [InlineData("{enabled: {eq: true}}", "order: [{name: ASC}]", "filter=enabled:true&sort=name:asc")]
    [InlineData("{category: {eq: null}}", "", "filter=-exists(category)")]
    [InlineData("{tags: {some: {eq: \"git\"}}}", "", "filter=tags:git")]
    [InlineData("{category: {in: [\"code\", \"database\"]}}", "", "filter=category:any(code,database)")]
    [InlineData("{created: {gte: \"2025-01-01T00:04:00Z\"}}", "order: [{created: ASC}]", "filter=created>=2025-01-01T00:04:00Z&sort=created:asc")]
    [InlineData("{processor: {name: {eq: \"github\"}}}", "", "filter=processor.name:github")]
    [InlineData("{version: {gte: 2}}", "order: [{version: DESC}, {name: ASC}]", "filter=version>=2&sort=version:desc,name:asc")]
    [InlineData("{version: {in: [1, 3]}}", "", "filter=version:any(1,3)")]
    [InlineData("{enabled: {eq: true}}", "query: \"git\", order: [{category: DESC}, {name: ASC}]", "query=git&filter=enabled:true&sort=category:desc,name:asc")]
    public async Task Filters_and_free_text_agree(string? where, string arguments, string rest) => await AssertSameIdsAsync(where, arguments, rest);

    [Fact]
    public async Task Facets_agree_with_the_category_aggregation()
    {
        await server.EnsureSeededAsync();
        var facets = (await server.GraphQL.ExecuteAsync($$"""{ connectorCategories(where: {{QueryDataset.Scope}}) { category count } }""")).Ok()
            .GetProperty("connectorCategories").EnumerateArray()
            .Select(f => (f.GetProperty("category").GetString(), f.GetProperty("count").GetInt32())).ToList();

        using var http = server.CreateHttpClient();
        var rest = await http.SendJsonAsync(HttpMethod.Post, "connector/_search",
            """{"size": 0, "filter": ["id>=qa-", "id<qa."], "aggs": {"categories": {"terms": {"field": "category", "size": 100}}}}""");
        var buckets = rest.Object["aggregations"]!["categories"]!["buckets"]!.AsArray()
            .Select(b => ((string?)b!["key"], (int)b["doc_count"]!)).ToList();

        Assert.NotEmpty(facets);
        Assert.Equal(facets, buckets);
    }

    private async Task AssertSameIdsAsync(string? where, string arguments, string restParameters)
    {
        await server.EnsureSeededAsync();
        var scope = where is null ? QueryDataset.Scope : $"{{and: [{QueryDataset.Scope}, {where}]}}";
        var graphQL = FilteringTests.Ids(await server.GraphQL.ExecuteAsync(
            $$"""{ connectors(first: 50, where: {{scope}}{{(arguments.Length > 0 ? ", " + arguments : "")}}) { nodes { id } } }"""));
        Assert.NotEmpty(graphQL);

        using var http = server.CreateHttpClient();
        var rest = await http.GetJsonAsync($"connector/_search?size=50&{RestScope}&{restParameters}");
        Assert.Equal(HttpStatusCode.OK, rest.Status);
        var restIds = rest.Object["hits"]!["hits"]!.AsArray().Select(h => (string)h!["_id"]!).ToArray();

        Assert.Equal(graphQL, restIds);
    }
}
