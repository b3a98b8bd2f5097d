using Coco.Connectors.Tests.Querying;

namespace Coco.Connectors.Tests.Search;

/// <summary>
/// Each search shape users filter on is answered from an index on the SQLite store, page and totalCount alike, so a
/// later change cannot silently fall back to reading the whole table (docs/querying.md, "Indexes").
/// </summary>
[Trait("Store", "SqliteOnly")] // the plans are SQLite's; PostgreSQL has its own indexes (docs/decisions.md)
public sealed class QueryPlanTests(QueryPlanServer server) : IClassFixture<QueryPlanServer>
{
    [Theory]
    [InlineData("""query: "name:alpha" """, "sqlite_autoindex_connectors_1 (Id=?)|SCAN c0 VIRTUAL TABLE INDEX 0:G")]
    [InlineData("""query: "alpha beta" """, "sqlite_autoindex_connectors_1 (Id=?)|SCAN c0 VIRTUAL TABLE INDEX 0:G")]
    [InlineData("""where: {category: {eq: "database"}}""", "IX_connectors_Category_Id (Category=?)")]
    [InlineData("""where: {builtin: {eq: true}}""", "IX_connectors_Builtin (Builtin=?)")]
    [InlineData("""where: {processor: {name: {eq: "crawler"}}}""", "IX_connectors_Processor_Name_Id (Processor_Name=?)")]
    [InlineData("""where: {id: {in: ["qa-a", "qa-b"]}}""", "sqlite_autoindex_connectors_1 (Id=?)")]
    // A page walks the order's index testing the prefix (a common prefix would otherwise collect and sort every match).
    [InlineData("""where: {name: {startsWith: "Al"}}""", "IX_connectors_Name_Id (Name>? AND Name<?)", false)]
    public async Task The_page_and_its_total_seek_an_index(string arguments, string expected, bool page = true) // expected: plan steps, |-separated
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 5, {{arguments}}) { totalCount nodes { id } } }""");
        response.Ok();
        var plans = server.Plans.Plans.Where(p => p.Contains("\"connectors\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, plans.Count); // the page and the count
        foreach (var plan in plans.Where(p => page || p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal)))
        {
            foreach (var step in expected.Split('|'))
            {
                Assert.True(plan.Contains(step, StringComparison.Ordinal), $"expected `{step}` in:\n{plan}");
            }

            Assert.DoesNotMatch(@"(?m)^SCAN c(\s|$)(?!.*USING)", plan);
        }
    }

    // One index lookup alone (a free-text word, a tag test) is counted from that index without reading a connector:
    // every id an index lists is a stored connector.
    [Theory]
    [InlineData("""query: "alpha" """, "connectors_search", "VIRTUAL TABLE INDEX 0:G")]
    [InlineData("""where: {tags: {some: {eq: "github"}}}""", "connector_tags", "USING PRIMARY KEY (Tag=?)")]
    [InlineData("""where: {tags: {some: {in: ["github", "cloud"]}}}""", "connector_tags", "USING PRIMARY KEY (Tag=?)")]
    public async Task A_search_by_one_index_pages_through_it_and_counts_from_it_alone(string arguments, string index, string step)
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 5, {{arguments}}) { totalCount nodes { id } } }""");
        response.Ok();
        var page = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal));
        Assert.Contains("sqlite_autoindex_connectors_1 (Id=?)", page, StringComparison.Ordinal);
        Assert.Contains(step, page, StringComparison.Ordinal);
        var count = Assert.Single(server.Plans.Plans, p => p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
        Assert.Contains($"\"{index}\"", count, StringComparison.Ordinal);
        Assert.Contains(step, count, StringComparison.Ordinal);
        Assert.DoesNotContain("\"connectors\"", count, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connector_categories_are_counted_from_the_category_index_when_filtered()
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        (await server.GraphQL.ExecuteAsync("{ connectorCategories(where: {enabled: {eq: true}}) { category count } }")).Ok();
        var plan = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal));
        Assert.Contains("INDEX IX_connectors_Category_Id", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_connector_categories_are_read_from_the_kept_counts_without_reading_a_connector()
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        (await server.GraphQL.ExecuteAsync("{ connectorCategories { category count } }")).Ok();
        Assert.DoesNotContain(server.Plans.Plans, p => p.Contains("connectors", StringComparison.Ordinal));
        Assert.Contains(server.Plans.Plans, p => p.Contains("connector_categories", StringComparison.Ordinal));
    }
}
