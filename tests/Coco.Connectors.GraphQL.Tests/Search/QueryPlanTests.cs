using System.Text.Json;
using Coco.Connectors.Tests.Querying;

namespace Coco.Connectors.Tests.Search;

/// <summary>
/// Each search shape users filter on is answered from an index on the SQLite store, page and totalCount alike, so a
/// later change cannot silently fall back to reading the whole table (docs/querying.md, "Indexes").
/// </summary>
[Trait("Store", "SqliteOnly")] // the plans are SQLite's; PostgreSQL has its own indexes (docs/decisions.md)
public sealed class QueryPlanTests(QueryPlanServer server) : IClassFixture<QueryPlanServer>
{
    private const string CommonTag = "plan-common";

    private const string CommonProcessorName = "plan-common-processor";

    /// <summary>
    /// A page past the last match, so that the total is counted whatever the matches (a page that holds every match is
    /// its own total, <see cref="A_page_that_holds_every_match_is_its_own_total"/>); the page's filter is the same.
    /// </summary>
    private const string Counted = "skip: 1000, take: 1";

    /// <summary>The tag index must list more than this many connectors under a tag for it to be common (SqliteIndexedFilter.AlwaysSelective).</summary>
    private const int SqliteIndexedFilterAlwaysSelective = 100;

    [Theory]
    [InlineData("""query: "name:alpha" """, "sqlite_autoindex_connectors_1 (Id=?)|SCAN c0 VIRTUAL TABLE INDEX 0:G")]
    [InlineData("""query: "alpha beta" """, "sqlite_autoindex_connectors_1 (Id=?)|SCAN c0 VIRTUAL TABLE INDEX 0:G")]
    [InlineData("""where: {category: {eq: "database", in: ["database", "x"]}}""", "_Id (Category=?)")]
    [InlineData("""where: {builtin: {eq: true}}""", "IX_connectors_Builtin (Builtin=?)")]
    [InlineData("""where: {id: {in: ["qa-a", "qa-b"]}}""", "sqlite_autoindex_connectors_1 (Id=?)")]
    // A page walks the order's index testing the prefix (a common prefix would otherwise collect and sort every match).
    [InlineData("""where: {name: {startsWith: "Al"}}""", "IX_connectors_Name_Id (Name>? AND Name<?)", false)]
    public async Task The_page_and_its_total_seek_an_index(string arguments, string expected, bool page = true) // expected: plan steps, |-separated
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectorsPage({{Counted}}, {{arguments}}) { totalCount items { id } } }""");
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
    // every id an index lists is a stored connector. (One tag alone is counted from the kept per-tag counts, below.)
    [Theory]
    [InlineData("""query: "alpha" """, "connectors_search", "VIRTUAL TABLE INDEX 0:G")]
    [InlineData("""where: {tags: {some: {in: ["github", "cloud"]}}}""", "connector_tags", "USING PRIMARY KEY (Tag=?)")]
    public async Task A_search_by_one_index_pages_through_it_and_counts_from_it_alone(string arguments, string index, string step)
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectorsPage({{Counted}}, {{arguments}}) { totalCount items { id } } }""");
        response.Ok();
        var page = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal));
        Assert.Contains("sqlite_autoindex_connectors_1 (Id=?)", page, StringComparison.Ordinal);
        Assert.Contains(step, page, StringComparison.Ordinal);
        var count = Assert.Single(server.Plans.Plans, p => p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
        Assert.Contains($"\"{index}\"", count, StringComparison.Ordinal);
        Assert.Contains(step, count, StringComparison.Ordinal);
        Assert.DoesNotContain("\"connectors\"", count, StringComparison.Ordinal);
    }

    // A page of one category or one processor name walks the index that holds it in the page's order (no sort of every
    // match, however common the value); its total is the count the triggers keep per value.
    [Theory]
    [InlineData("""category: {eq: "database"}""", "[]", "IX_connectors_Category_Created_Id (Category=?)", "connector_categories")]
    [InlineData("""category: {eq: "database"}""", "[{name: ASC}]", "IX_connectors_Category_Name_Id (Category=?)", "connector_categories")]
    [InlineData("""processor: {name: {eq: "github"}}""", "[]", "IX_connectors_Processor_Name_Created_Id (Processor_Name=?)", "connector_processor_names")]
    [InlineData("""processor: {name: {eq: "github"}}""", "[{name: ASC}]", "IX_connectors_Processor_Name_Name_Id (Processor_Name=?)", "connector_processor_names")]
    public async Task A_page_of_one_value_walks_its_order_index_and_is_counted_from_the_kept_counts(string where, string order, string step, string counts)
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync($$$"""{ connectors(first: 50, order: {{{order}}}, where: { {{{where}}} }) { totalCount nodes { id } } }""");
        var connectors = response.Ok().GetProperty("connectors");
        Assert.InRange(connectors.GetProperty("totalCount").GetInt32(), 1, 49);
        Assert.Equal(connectors.GetProperty("nodes").GetArrayLength(), connectors.GetProperty("totalCount").GetInt32());
        var page = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal));
        Assert.Contains(step, page, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", page, StringComparison.Ordinal);
        await AssertCountedFromKeptCountsAsync($$$"""{ connectorsPage({{{Counted}}}, order: {{{order}}}, where: { {{{where}}} }) { totalCount } }""", connectors.GetProperty("totalCount").GetInt32(), counts);
    }

    // A list of processor names seeks the name's index; its total is the sum of the kept counts of those names.
    [Fact]
    public async Task A_list_of_processor_names_seeks_their_index_and_is_counted_from_the_kept_counts()
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync("""{ connectors(first: 50, where: {processor: {name: {in: ["github", "web", "absent"]}}}) { totalCount nodes { id } } }""");
        var connectors = response.Ok().GetProperty("connectors");
        Assert.InRange(connectors.GetProperty("totalCount").GetInt32(), 3, 49);
        Assert.Equal(connectors.GetProperty("nodes").GetArrayLength(), connectors.GetProperty("totalCount").GetInt32());
        var page = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal));
        Assert.Contains("(Processor_Name=?)", page, StringComparison.Ordinal);
        await AssertCountedFromKeptCountsAsync("{ connectorsPage(" + Counted + """, where: {processor: {name: {in: ["github", "web", "absent"]}}}) { totalCount } }""",
            connectors.GetProperty("totalCount").GetInt32(), "connector_processor_names");
    }

    /// <summary>The page past the end (<see cref="Counted"/>) has the same total, summed from the kept counts, with no count over connectors.</summary>
    private async Task AssertCountedFromKeptCountsAsync(string request, int total, string counts)
    {
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync(request);
        Assert.Equal(total, response.Ok().GetProperty("connectorsPage").GetProperty("totalCount").GetInt32());
        Assert.Contains(server.Plans.Plans, p => p.Contains("sum(", StringComparison.OrdinalIgnoreCase) && p.Contains(counts, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Plans.Plans, p => p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
    }

    // A list of processor names many connectors hold: its page walks the order's index testing each row rather than
    // sorting every match the name's index finds (SQLite cannot merge the per-name ranges of the order index).
    [Fact]
    public async Task A_common_list_of_processor_names_walks_the_order_index()
    {
        await server.EnsureSeededAsync();
        await server.EnsureCommonProcessorNameAsync(CommonProcessorName, SqliteIndexedFilterAlwaysSelective + 20);
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync("{ connectors(first: 5, where: {processor: {name: {in: [\"" + CommonProcessorName + "\", \"github\"]}}}) { totalCount nodes { id } } }");
        var connectors = response.Ok().GetProperty("connectors");
        Assert.Equal(5, connectors.GetProperty("nodes").GetArrayLength());
        Assert.True(connectors.GetProperty("totalCount").GetInt32() > SqliteIndexedFilterAlwaysSelective);
        var page = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal));
        Assert.True(page.Contains("INDEX IX_connectors_Created_Id", StringComparison.Ordinal), page);
        Assert.DoesNotContain("TEMP B-TREE", page, StringComparison.Ordinal);
        Assert.Contains(server.Plans.Plans, p => p.Contains("sum(", StringComparison.OrdinalIgnoreCase) && p.Contains("connector_processor_names", StringComparison.Ordinal));
    }

    // A page read without a cursor that holds every match (nothing after it) is its own total: no count runs, on GraphQL
    // keyset and offset pages and on REST; a page that does not end the result, or an empty page past the end, is counted.
    [Fact]
    public async Task A_page_that_holds_every_match_is_its_own_total()
    {
        await server.EnsureSeededAsync();
        using var client = server.CreateHttpClient();
        string[] requests =
        [
            """{ connectors(first: 50, query: "git") { totalCount nodes { id } } }""",
            """{ connectors(last: 50, query: "git") { totalCount nodes { id } } }""",
            """{ connectorsPage(take: 50, query: "git") { totalCount items { id } } }""",
        ];
        var totals = new List<int>();
        foreach (var request in requests)
        {
            server.Plans.Clear();
            var list = server.GraphQL.ExecuteAsync(request);
            var data = (await list).Ok().EnumerateObject().Single().Value;
            var rows = data.TryGetProperty("nodes", out var nodes) ? nodes : data.GetProperty("items");
            Assert.InRange(rows.GetArrayLength(), 2, 49);
            Assert.Equal(rows.GetArrayLength(), data.GetProperty("totalCount").GetInt32());
            Assert.DoesNotContain(server.Plans.Plans, p => p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
            totals.Add(data.GetProperty("totalCount").GetInt32());
        }

        server.Plans.Clear();
        var rest = JsonDocument.Parse(await client.GetStringAsync("connector/_search?query=git&size=50&from=1")).RootElement.GetProperty("hits");
        Assert.Equal(totals[0], rest.GetProperty("total").GetProperty("value").GetInt32());
        Assert.Equal(totals[0] - 1, rest.GetProperty("hits").GetArrayLength());
        Assert.DoesNotContain(server.Plans.Plans, p => p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));

        // Not the whole result: counted, and the same total.
        foreach (var (request, total) in new[]
        {
            ("""{ connectors(first: 1, query: "git") { totalCount } }""", (Func<JsonElement, int>)(d => d.GetProperty("connectors").GetProperty("totalCount").GetInt32())),
            ("""{ connectorsPage(skip: 500, take: 5, query: "git") { totalCount } }""", d => d.GetProperty("connectorsPage").GetProperty("totalCount").GetInt32()),
        })
        {
            server.Plans.Clear();
            Assert.Equal(totals[0], total((await server.GraphQL.ExecuteAsync(request)).Ok()));
            Assert.Contains(server.Plans.Plans, p => p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
        }

        server.Plans.Clear();
        var past = JsonDocument.Parse(await client.GetStringAsync("connector/_search?query=git&size=5&from=500")).RootElement.GetProperty("hits");
        Assert.Equal(totals[0], past.GetProperty("total").GetProperty("value").GetInt32());
        Assert.Contains(server.Plans.Plans, p => p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
    }

    // A tag that many connectors hold: its page walks the order's index testing each row (a few rows per match found)
    // rather than sorting every tagged connector; its total is the kept per-tag count. A rare tag's page
    // reads the tag index (A_search_by_one_index_pages_through_it_and_counts_from_it_alone).
    [Theory]
    [InlineData("[]", "IX_connectors_Created_Id")]
    [InlineData("[{name: ASC}]", "IX_connectors_Name_Id")]
    public async Task A_common_tag_page_walks_the_order_index(string order, string index)
    {
        await server.EnsureSeededAsync();
        await server.EnsureCommonTagAsync(CommonTag, SqliteIndexedFilterAlwaysSelective + 20);
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync("{ connectors(first: 5, order: " + order + ", where: {tags: {some: {eq: \"" + CommonTag + "\"}}}) { totalCount nodes { id } } }");
        Assert.Equal(5, response.Ok().GetProperty("connectors").GetProperty("nodes").GetArrayLength());
        var page = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal) && !p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
        Assert.Contains($"INDEX {index}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", page, StringComparison.Ordinal);
        Assert.DoesNotContain("connector_tags", page, StringComparison.Ordinal);
        AssertCountedFromTagCounts();
    }

    [Fact]
    public async Task A_rare_tag_page_reads_the_tag_index_and_is_counted_from_the_kept_tag_counts()
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync("{ connectorsPage(" + Counted + """, where: {tags: {some: {eq: "github"}}}) { totalCount items { id } } }""");
        response.Ok();
        var page = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal) && !p.Contains("EXISTS (SELECT 1 FROM connector_tags", StringComparison.Ordinal));
        Assert.Contains("sqlite_autoindex_connectors_1 (Id=?)", page, StringComparison.Ordinal);
        Assert.Contains("USING PRIMARY KEY (Tag=?)", page, StringComparison.Ordinal);
        AssertCountedFromTagCounts();
    }

    // `tags:value` (a substring of some tag, any case) and `some: {contains: …}`: the tags in use that hold it are found
    // among the distinct tags (connector_tag_counts), then their connectors through the tag index; the total counts the
    // tag index alone. Without this the test reads every connector's tags.
    [Theory]
    [InlineData("""query: "tags:GITH" """)]
    [InlineData("""where: {tags: {some: {contains: "ith"}}}""")]
    [InlineData("""query: "tags:zzz-no-such-tag" """)]
    public async Task A_tag_substring_reads_the_distinct_tags_then_the_tag_index(string arguments)
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 5, {{arguments}}) { totalCount nodes { id } } }""");
        response.Ok();
        var page = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal));
        Assert.Contains("sqlite_autoindex_connectors_1 (Id=?)", page, StringComparison.Ordinal);
        AssertTagsThroughDistinctTags(page);
        AssertCountedFromTagIndex();
    }

    // A tag substring many connectors hold: its page walks the order's index testing each row, as a common tag's does.
    [Fact]
    public async Task A_common_tag_substring_page_walks_the_order_index()
    {
        await server.EnsureSeededAsync();
        await server.EnsureCommonTagAsync(CommonTag, SqliteIndexedFilterAlwaysSelective + 20);
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync("""{ connectors(first: 5, order: [{name: ASC}], query: "tags:PLAN-COMM") { totalCount nodes { id } } }""");
        Assert.Equal(5, response.Ok().GetProperty("connectors").GetProperty("nodes").GetArrayLength());
        var page = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal) && !p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
        Assert.Contains("INDEX IX_connectors_Name_Id", page, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", page, StringComparison.Ordinal);
        AssertCountedFromTagIndex();
    }

    // `category:value`, `processor.name:value` (a substring, any case) and any other test of those columns but equality
    // and `in` (startsWith, contains, neq…): the values in use that pass it (connector_categories,
    // connector_processor_names), then the column's index; the total is the sum of their kept counts.
    [Theory]
    [InlineData("""query: "category:DATAB" """, "connector_categories", "Category")]
    [InlineData("""query: "category:zzz-no-such-category" """, "connector_categories", "Category")]
    [InlineData("""where: {category: {contains: "atab"}}""", "connector_categories", "Category")]
    [InlineData("""query: "processor.name:GITH" """, "connector_processor_names", "Processor_Name")]
    [InlineData("""query: "processor.name:zzz-no-such-processor" """, "connector_processor_names", "Processor_Name")]
    [InlineData("""where: {processor: {name: {startsWith: "gd"}}}""", "connector_processor_names", "Processor_Name")]
    [InlineData("""where: {processor: {name: {contains: "ithu"}}}""", "connector_processor_names", "Processor_Name")]
    // (A common test's page walks the order's index instead; `neq` is common once another test adds a common name.)
    [InlineData("""where: {processor: {name: {neq: "github"}}}""", "connector_processor_names", "Processor_Name", false)]
    public async Task A_test_of_a_kept_column_reads_its_distinct_values_then_its_index(string arguments, string counts, string column, bool page = true)
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 5, {{arguments}}) { totalCount nodes { id } } }""");
        response.Ok();
        AssertThroughDistinctValues(counts, column, page);
    }

    [Fact]
    public async Task Rest_keyword_queries_read_the_distinct_tags_and_categories()
    {
        await server.EnsureSeededAsync();
        using var client = server.CreateHttpClient();
        server.Plans.Clear();
        (await client.GetAsync("connector/_search?query=category:DATABASE&size=5")).EnsureSuccessStatusCode();
        AssertThroughDistinctValues("connector_categories", "Category");

        server.Plans.Clear();
        (await client.GetAsync("connector/_search?query=processor.name:GitHub&size=5")).EnsureSuccessStatusCode();
        AssertThroughDistinctValues("connector_processor_names", "Processor_Name");

        server.Plans.Clear();
        (await client.GetAsync("connector/_search?query=tags:GitHub&size=5")).EnsureSuccessStatusCode();
        var page = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal) && !p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
        AssertTagsThroughDistinctTags(page);
        AssertCountedFromTagIndex();
    }

    // The total of a tag substring: the kept count when one tag in use holds it, else the distinct connectors the tag
    // index lists under those tags; no connector is read either way.
    private void AssertCountedFromTagIndex()
    {
        Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal) && !p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
        var counting = server.Plans.Plans.Where(p => !p.Contains("\"connectors\"", StringComparison.Ordinal) && p.Contains("connector_tag_counts", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(counting);
        Assert.DoesNotContain(server.Plans.Plans, p => p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal) && p.Contains("\"connectors\"", StringComparison.Ordinal));
        Assert.All(counting.Where(p => p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal)), AssertTagsThroughDistinctTags);
    }

    private void AssertThroughDistinctValues(string counts, string column, bool throughPage = true)
    {
        var page = Assert.Single(server.Plans.Plans, p => p.Contains("\"connectors\"", StringComparison.Ordinal) && !p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
        if (throughPage)
        {
            Assert.Contains(counts, page, StringComparison.Ordinal);
            Assert.Contains($"({column}=?)", page, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"(?m)^SCAN c(\s|$)(?!.*USING)", page);
        Assert.Contains(server.Plans.Plans, p => p.Contains("sum(", StringComparison.OrdinalIgnoreCase) && p.Contains(counts, StringComparison.Ordinal));
        // Only the connectors without a value (for `neq`) may be counted over rows, by a seek of the column's index.
        Assert.All(server.Plans.Plans.Where(p => p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal)),
            p => Assert.Contains($"({column}=?)", p, StringComparison.Ordinal));
    }

    private static void AssertTagsThroughDistinctTags(string plan)
    {
        Assert.Contains("connector_tag_counts", plan, StringComparison.Ordinal);
        Assert.Contains("USING PRIMARY KEY (Tag=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("json_each", plan, StringComparison.Ordinal);
    }

    private void AssertCountedFromTagCounts()
    {
        Assert.DoesNotContain(server.Plans.Plans, p => p.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal));
        var count = Assert.Single(server.Plans.Plans, p => p.Contains("connector_tag_counts", StringComparison.Ordinal));
        Assert.Contains("USING PRIMARY KEY (Tag=?)", count, StringComparison.Ordinal);
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
