using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Querying;
using Coco.Connectors.Tests.Search;

namespace Coco.Connectors.Tests.Postgres.Search;

/// <summary>
/// Each search shape users filter on can be answered from an index on the PostgreSQL store, page and totalCount alike,
/// so a later change cannot silently turn it into a condition no index answers (docs/querying.md, "Indexes"). The
/// plans are taken with sequential scans disabled (<see cref="QueryPlanLog"/>): on a test-sized table the planner
/// would scan anyway, so what they show is which index *can* answer; how a rare tag is told from a common one is
/// asserted on the statements themselves.
/// </summary>
public sealed class PostgresQueryPlanTests(QueryPlanServer server) : IClassFixture<QueryPlanServer>
{
    private const string CommonTag = "plan-common";

    /// <summary>
    /// A page past the last match, so that the total is counted whatever the matches (a page that holds every match is
    /// its own total and runs no count); the page's filter is the same.
    /// </summary>
    private const string Counted = "skip: 1000, take: 1";

    /// <summary>More connectors than the smallest bound under which a tag is rare (SqliteIndexedFilter.AlwaysSelective).</summary>
    private const int CommonCount = 120;

    [Theory]
    [InlineData("""where: {tags: {some: {in: ["git", "drive"]}}}""", "IX_connectors_Tags")]
    [InlineData("""where: {tags: {some: {eq: "zeta"}}}""", "IX_connectors_Tags")]
    [InlineData("""where: {category: {eq: "database"}}""", "IX_connectors_Category_Id")]
    [InlineData("""where: {builtin: {eq: true}}""", "IX_connectors_Builtin")]
    [InlineData("""where: {processor: {name: {eq: "crawler"}}}""", "IX_connectors_Processor_Name_Created_Id")]
    [InlineData("""where: {id: {in: ["qa-a", "qa-b"]}}""", "PK_connectors")]
    [InlineData("""where: {name: {startsWith: "Al"}}""", "IX_connectors_Name_Id")]
    [InlineData("""query: "alpha" """, "IX_connectors_SearchText")]
    [InlineData("""query: "tags:t" """, "IX_connectors_Tags")]
    public async Task The_total_seeks_an_index_and_nothing_scans_the_table(string arguments, string index)
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectorsPage({{Counted}}, {{arguments}}) { totalCount items { id } } }""");
        response.Ok();
        var plans = server.Plans.Plans.Where(p => p.Contains("FROM connectors", StringComparison.Ordinal)).ToList();
        // The count (or, when it is read from the kept tag counts, the page) seeks the index; the page may instead walk
        // the order's index, which on a test-sized table costs the planner less; nothing scans the table.
        var counts = plans.Where(p => p.Contains("count(*)", StringComparison.Ordinal)).ToList();
        var seeking = counts.Count > 0 ? counts : [Assert.Single(plans)];
        Assert.All(seeking, plan => Assert.Contains($"\"{index}\"", plan, StringComparison.Ordinal));
        Assert.All(seeking, plan => Assert.Contains("Index Cond:", plan, StringComparison.Ordinal)); // a seek, not a walk of the whole index
        Assert.All(plans, plan => Assert.DoesNotContain("Seq Scan on connectors", plan, StringComparison.Ordinal));
    }

    // The planner guesses 0.5 % of the rows for a tag outside its statistics and would walk the order's index testing
    // every row to find an absent tag's page; the repeated overlap test lowers its guess so it reads the tag index.
    [Theory]
    [InlineData("zeta")]
    [InlineData("absent-tag")]
    public async Task A_rare_or_absent_tag_page_repeats_its_test_and_is_counted_from_the_kept_tag_counts(string tag)
    {
        await server.EnsureSeededAsync();
        server.Sql.Clear();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync("{ connectorsPage(" + Counted + ", where: {tags: {some: {eq: \"" + tag + "\"}}}) { totalCount items { id } } }");
        Assert.Equal(tag == "zeta" ? 1 : 0, response.Ok().GetProperty("connectorsPage").GetProperty("totalCount").GetInt32());
        var page = Assert.Single(server.Sql.Commands, c => c.Contains("FROM connectors", StringComparison.Ordinal));
        Assert.Contains("c.\"Tags\" @> ARRAY[", page, StringComparison.Ordinal);
        Assert.Contains("c.\"Tags\" && ", page, StringComparison.Ordinal);
        AssertCountedFromTagCounts();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{name: ASC}]")]
    public async Task A_common_tag_page_is_left_to_walk_the_order_index(string order)
    {
        await server.EnsureSeededAsync();
        await server.EnsureCommonTagAsync(CommonTag, CommonCount);
        server.Sql.Clear();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync("{ connectors(first: 5, order: " + order + ", where: {tags: {some: {eq: \"" + CommonTag + "\"}}}) { totalCount nodes { id } } }");
        var connectors = response.Ok().GetProperty("connectors");
        Assert.Equal(5, connectors.GetProperty("nodes").GetArrayLength());
        Assert.Equal(CommonCount, connectors.GetProperty("totalCount").GetInt32());
        var page = Assert.Single(server.Sql.Commands, c => c.Contains("FROM connectors", StringComparison.Ordinal));
        Assert.Contains("c.\"Tags\" @> ARRAY[", page, StringComparison.Ordinal);
        Assert.DoesNotContain("&&", page, StringComparison.Ordinal);
        AssertCountedFromTagCounts();
    }

    // Npgsql sends a list test as a scan of each row's unnested tags; it becomes the overlap the tag index answers.
    [Fact]
    public async Task A_tag_list_is_sent_as_an_overlap()
    {
        await server.EnsureSeededAsync();
        server.Sql.Clear();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync("{ connectorsPage(" + Counted + """, where: {tags: {some: {in: ["zeta", "drive", "absent-tag"]}}}) { totalCount items { id } } }""");
        Assert.Equal(2, response.Ok().GetProperty("connectorsPage").GetProperty("totalCount").GetInt32());
        var statements = server.Sql.Commands.Where(c => c.Contains("FROM connectors", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, statements.Count);
        Assert.All(statements, s => Assert.DoesNotContain("unnest", s, StringComparison.Ordinal));
        Assert.All(statements, s => Assert.Contains("c.\"Tags\" && ", s, StringComparison.Ordinal));
    }

    // field:value is sent as lower(field COLLATE "default") LIKE '%value%', the very expression the trigram indexes hold.
    // (processor.name:value reads the kept processor names instead: see the kept-value cases below.)
    [Theory]
    [InlineData("""query: "name:alph" """, "IX_connectors_Name_lower_trgm")]
    [InlineData("""query: "description:github" """, "IX_connectors_Description_lower_trgm")]
    public async Task A_field_word_seeks_the_trigram_index_of_the_lowered_field(string arguments, string index)
    {
        await server.EnsureSeededAsync();
        server.Plans.Clear();
        server.Plans.BitmapOnly = true;
        try
        {
            (await server.GraphQL.ExecuteAsync($$"""{ connectorsPage({{Counted}}, {{arguments}}) { totalCount items { id } } }""")).Ok();
        }
        finally
        {
            server.Plans.BitmapOnly = false;
        }

        var plans = server.Plans.Plans.Where(p => p.Contains("FROM connectors", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, plans.Count);
        Assert.All(plans, plan => Assert.Contains($"Bitmap Index Scan on \"{index}\"", plan, StringComparison.Ordinal));
        Assert.All(plans, plan => Assert.DoesNotContain("Seq Scan on connectors", plan, StringComparison.Ordinal));
    }

    // A test of the processor's name or the category other than equality reads the kept distinct values first and sends
    // the values it chooses (one as an equality), which the planner can estimate and seek; a choice of whole values is
    // counted from the kept counts, without a count over connectors.
    [Theory]
    [InlineData("""query: "processor.name:GITH" """, "connector_processor_names")]
    [InlineData("""query: "processor.name:zzz-no-such-processor" """, "connector_processor_names")]
    [InlineData("""where: {processor: {name: {startsWith: "gd"}}}""", "connector_processor_names")]
    [InlineData("""where: {processor: {name: {in: ["github", "web"]}}}""", "connector_processor_names")]
    [InlineData("""where: {processor: {name: {eq: "github"}}}""", "connector_processor_names")]
    [InlineData("""query: "category:DATAB" """, "connector_categories")]
    [InlineData("""query: "category:absent" """, "connector_categories")]
    public async Task A_test_of_a_kept_column_reads_the_kept_values_and_is_counted_from_them(string arguments, string counts)
    {
        await server.EnsureSeededAsync();
        server.Sql.Clear();
        server.Plans.Clear();
        var matches = (await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 50, {{arguments}}) { nodes { id } } }""")).Ok().GetProperty("connectors").GetProperty("nodes").GetArrayLength();
        Assert.InRange(matches, 0, 49);
        server.Sql.Clear();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectorsPage({{Counted}}, {{arguments}}) { totalCount items { id } } }""");
        Assert.Equal(matches, response.Ok().GetProperty("connectorsPage").GetProperty("totalCount").GetInt32());
        var page = Assert.Single(server.Sql.Commands, c => c.Contains("FROM connectors", StringComparison.Ordinal));
        Assert.DoesNotContain("lower(", page, StringComparison.Ordinal);
        Assert.DoesNotContain(counts, page, StringComparison.Ordinal);
        Assert.Contains(server.Sql.Commands, c => c.Contains(counts, StringComparison.Ordinal));
        Assert.All(server.Plans.Plans, plan => Assert.DoesNotContain("Seq Scan on connectors", plan, StringComparison.Ordinal));
    }

    // A test of one tag is applied to the distinct tags in use; the tags it selects are then looked up in the tag index,
    // one tag as a tag test (counted from its kept count), none as no row at all.
    [Theory]
    [InlineData("""query: "tags:ZET" """, "c.\"Tags\" @> ARRAY[")]
    [InlineData("""query: "tags:absent" """, "WHERE FALSE")]
    public async Task A_tag_word_reads_the_distinct_tags(string arguments, string sent)
    {
        await server.EnsureSeededAsync();
        server.Sql.Clear();
        server.Plans.Clear();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectorsPage({{Counted}}, {{arguments}}) { totalCount items { id } } }""");
        Assert.Equal(sent.Contains("ARRAY", StringComparison.Ordinal) ? 1 : 0, response.Ok().GetProperty("connectorsPage").GetProperty("totalCount").GetInt32());
        Assert.Contains(server.Sql.Commands, c => c.Contains("FROM connector_tag_counts", StringComparison.Ordinal) && c.Contains("LIKE", StringComparison.Ordinal));
        var page = Assert.Single(server.Sql.Commands, c => c.Contains("FROM connectors", StringComparison.Ordinal) && !c.Contains("count(*)", StringComparison.Ordinal));
        Assert.Contains(sent, page, StringComparison.Ordinal);
        Assert.DoesNotContain("unnest", page, StringComparison.Ordinal);
        Assert.All(server.Plans.Plans, plan => Assert.DoesNotContain("Seq Scan on connectors", plan, StringComparison.Ordinal));
    }

    private void AssertCountedFromTagCounts()
    {
        Assert.DoesNotContain(server.Sql.Commands, c => c.Contains("count(*)", StringComparison.Ordinal) && c.Contains("FROM connectors", StringComparison.Ordinal));
        // KeptCounts: the kept count of the one tag, summed over its row of connector_tag_counts.
        Assert.Contains(server.Sql.Commands, c => c.StartsWith("SELECT COALESCE(sum(", StringComparison.Ordinal) && c.Contains("FROM connector_tag_counts", StringComparison.Ordinal)
            && c.Contains("\"Name\" = ", StringComparison.Ordinal));
    }
}
