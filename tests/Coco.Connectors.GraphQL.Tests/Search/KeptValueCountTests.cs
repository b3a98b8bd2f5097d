using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.Tests.Querying;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Search;

/// <summary>
/// Tests of the processor's name and the category are answered through the distinct values the triggers keep with
/// their counts (<c>connector_processor_names</c>, <c>connector_categories</c>), and a test that chooses whole values
/// is counted from those counts: every total here must equal the rows the same search pages through and the rows
/// expected, after creates, renames, removals and deletes.
/// </summary>
public sealed class KeptValueCountTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    [Fact]
    public async Task Processor_name_tests_find_and_count_what_the_rows_hold_after_every_write()
    {
        var writer = server.Services.GetRequiredService<ConnectorWriter>();
        var a = await CreateAsync(writer, "kv-crawler", "kv-one");
        var b = await CreateAsync(writer, "kv-crawler", null);
        var c = await CreateAsync(writer, "kv-Feed", "kv-one");
        var d = await CreateAsync(writer, null, "kv-two");

        await AssertFindsAsync("""where: {processor: {name: {eq: "kv-crawler"}}}""", a, b);
        await AssertFindsAsync("""where: {processor: {name: {in: ["kv-crawler", "kv-Feed", "kv-absent"]}}}""", a, b, c);
        await AssertNotAmongAsync("""where: {processor: {name: {in: ["kv-Feed", null]}}}""", [c, d], [a, b]);
        await AssertFindsAsync("""where: {processor: {name: {startsWith: "kv-c"}}}""", a, b);
        await AssertFindsAsync("""where: {processor: {name: {contains: "Feed"}}}""", c);
        await AssertFindsAsync("""where: {processor: {name: {contains: "feed"}}}""");
        await AssertFindsAsync("""query: "processor.name:KV-CRAW" """, a, b);
        await AssertFindsAsync("""query: "processor.name:zz-no-such-processor" """);
        await AssertFindsAsync("""where: {category: {startsWith: "kv-"}}""", a, c, d);
        await AssertNotAmongAsync("""where: {processor: {name: {neq: "kv-crawler"}}}""", [c, d], [a, b]);
        await AssertNotAmongAsync("""where: {processor: {name: {ncontains: "crawl"}}}""", [c, d], [a, b]);
        await AssertNotAmongAsync("""where: {category: {neq: "kv-one"}}""", [b, d], [a, c]);
        Assert.Equal(2, await RestTotalAsync("processor.name:KV-CRAWLER")); // REST: the whole value, any case
        Assert.Equal(0, await RestTotalAsync("processor.name:kv-crawl"));

        // A rename moves a connector between two names; a removed name and a deleted connector count down.
        Assert.True((await writer.UpdateAsync(b, Processor("kv-Feed"), replace: false, null, CancellationToken.None)).Succeeded);
        Assert.True((await writer.UpdateAsync(d, Processor("kv-crawler"), replace: false, null, CancellationToken.None)).Succeeded);
        Assert.True((await writer.DeleteAsync(a, null, CancellationToken.None)).Succeeded);
        await AssertFindsAsync("""where: {processor: {name: {eq: "kv-crawler"}}}""", d);
        await AssertFindsAsync("""where: {processor: {name: {eq: "kv-Feed"}}}""", b, c);
        await AssertFindsAsync("""query: "processor.name:kv-" """, b, c, d);

        Assert.True((await writer.UpdateAsync(d, Processor(null), replace: false, null, CancellationToken.None)).Succeeded);
        await AssertFindsAsync("""where: {processor: {name: {eq: "kv-crawler"}}}""");
        await AssertFindsAsync("""where: {processor: {name: {startsWith: "kv-"}}}""", b, c);
        await AssertNotAmongAsync("""where: {processor: {name: {neq: "kv-Feed"}}}""", [d], [b, c]);
        Assert.Equal(0, await RestTotalAsync("processor.name:kv-crawler"));
    }

    private static JsonObject Processor(string? name) => new() { ["processor"] = new JsonObject { ["name"] = name } };

    private static async Task<string> CreateAsync(ConnectorWriter writer, string? processor, string? category)
    {
        var doc = new JsonObject { ["name"] = $"kept value {processor} {category}", ["category"] = category, ["processor"] = new JsonObject { ["enabled"] = true, ["name"] = processor } };
        var result = await writer.CreateAsync(doc, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Connector!.Id;
    }

    /// <summary>The search finds exactly <paramref name="expected"/>, and its total (from the kept counts where it can be) agrees.</summary>
    private async Task AssertFindsAsync(string arguments, params string[] expected)
    {
        var (total, ids) = await SearchAsync(arguments);
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Length, total);
    }

    /// <summary>
    /// A search that also matches connectors other tests of this server hold (the built-in ones): it finds
    /// <paramref name="among"/> and none of <paramref name="absent"/>, and its total is the number of rows it pages through.
    /// </summary>
    private async Task AssertNotAmongAsync(string arguments, string[] among, string[] absent)
    {
        var (total, ids) = await SearchAsync(arguments);
        Assert.All(among, id => Assert.Contains(id, ids));
        Assert.All(absent, id => Assert.DoesNotContain(id, ids));
        Assert.Equal(ids.Count, total);
    }

    private async Task<(int Total, List<string> Ids)> SearchAsync(string arguments)
    {
        var connectors = (await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 50, {{arguments}}) { totalCount nodes { id } } }""")).Ok().GetProperty("connectors");
        var ids = connectors.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
        Assert.True(ids.Count < 50, "the page must hold every match");
        return (connectors.GetProperty("totalCount").GetInt32(), ids);
    }

    private async Task<int> RestTotalAsync(string query)
    {
        using var http = server.CreateHttpClient();
        using var response = await http.GetAsync($"connector/_search?size=0&query={Uri.EscapeDataString(query)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("hits").GetProperty("total").GetProperty("value").GetInt32();
    }
}
