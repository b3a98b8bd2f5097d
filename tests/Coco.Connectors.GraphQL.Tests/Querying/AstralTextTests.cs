using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;

namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// Text with characters beyond U+FFFF (two UTF-16 units, one character for SQL): a query, REST <c>_search</c> and a live
/// <c>where</c> subscription (which tests each change in memory) agree on every string test, on both stores and through
/// the index rewrites (the name/id prefix range, the tag and category tables, the trigram index).
/// </summary>
public sealed class AstralTextTests(CocoServer server) : IClassFixture<CocoServer>, IAsyncLifetime, IDisposable
{
    private const string Sentinel = "s";

    // The rows, by the last part of their id: name, description, category, tags, processor name.
    private static readonly (string Key, string Name, string? Description, string? Category, string[] Tags, string? Processor)[] Rows =
    [
        ("1", "😀", "𝔸", "😀", ["😀"], "😀"),
        ("2", "😀a𝔸", "x😀", "😀db", ["😀tag", "tag𝔸"], "😀crawler"),
        ("3", "a😀", "😀x𝔸", "db😀", ["x😀y"], "crawler😀"),
        ("4", "ab", "abc", "ab", ["ab"], "ab"),
        ("5", "𝔸😀😀", null, null, [], null),
    ];

    private readonly GraphQLTestClient _client = new(server);
    private readonly string _marker = $"astral{Guid.NewGuid():N}"[..16];

    public async Task InitializeAsync()
    {
        foreach (var row in Rows)
        {
            var doc = new JsonObject { ["id"] = Id(row.Key), ["name"] = row.Name, ["tags"] = new JsonArray([.. row.Tags.Select(t => JsonValue.Create(t))]) };
            if (row.Description is not null)
            {
                doc["description"] = row.Description;
            }

            if (row.Category is not null)
            {
                doc["category"] = row.Category;
            }

            if (row.Processor is not null)
            {
                doc["processor"] = new JsonObject { ["enabled"] = true, ["name"] = row.Processor };
            }

            await CreateAsync(doc);
        }

        await CreateAsync(new JsonObject { ["id"] = Id(Sentinel), ["name"] = "sentinel" });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("""{name: {startsWith: "😀"}}""", "1,2")]
    [InlineData("""{name: {startsWith: "😀a"}}""", "2")]
    [InlineData("""{name: {startsWith: "😀a𝔸"}}""", "2")]
    [InlineData("""{name: {startsWith: "𝔸😀"}}""", "5")]
    [InlineData("""{name: {nstartsWith: "😀"}}""", "3,4,5")]
    [InlineData("""{name: {endsWith: "😀"}}""", "1,3,5")]
    [InlineData("""{name: {endsWith: "a𝔸"}}""", "2")]
    [InlineData("""{name: {endsWith: "😀😀"}}""", "5")]
    [InlineData("""{name: {nendsWith: "😀"}}""", "2,4")]
    [InlineData("""{name: {contains: "😀a"}}""", "2")]
    [InlineData("""{name: {eq: "😀"}}""", "1")]
    [InlineData("""{name: {in: ["a😀", "𝔸😀😀"]}}""", "3,5")]
    [InlineData("""{description: {startsWith: "😀"}}""", "3")]
    [InlineData("""{description: {endsWith: "𝔸"}}""", "1,3")]
    [InlineData("""{category: {startsWith: "😀"}}""", "1,2")]
    [InlineData("""{category: {endsWith: "😀"}}""", "1,3")]
    [InlineData("""{processor: {name: {startsWith: "😀"}}}""", "1,2")]
    [InlineData("""{processor: {name: {endsWith: "😀"}}}""", "1,3")]
    [InlineData("""{tags: {some: {startsWith: "😀"}}}""", "1,2")]
    [InlineData("""{tags: {some: {endsWith: "𝔸"}}}""", "2")]
    [InlineData("""{tags: {some: {endsWith: "😀y"}}}""", "3")]
    [InlineData("""{tags: {some: {eq: "😀"}}}""", "1")]
    [InlineData("""{tags: {all: {startsWith: "😀"}}}""", "1,5")]
    [InlineData("""{id: {startsWith: "😀"}}""", "")]
    public async Task A_query_and_a_live_subscription_agree_with_the_ordinal_answer(string where, string expected)
    {
        // The sentinel matches too, so the subscription's last event marks that every touch before it was tested.
        var filter = $"{{and: [{{id: {{startsWith: \"{_marker}-\"}}}}, {{or: [{where}, {{id: {{eq: \"{Id(Sentinel)}\"}}}}]}}]}}";
        var want = expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Append(Sentinel).Select(Id).Order(StringComparer.Ordinal).ToList();

        var page = (await _client.PostAsync($$"""{ connectors(first: 50, where: {{filter}}) { totalCount nodes { id } } }""")).Ok()["connectors"]!;
        Assert.Equal(want, Ids(page["nodes"]!.AsArray()));
        Assert.Equal(want.Count, (int)page["totalCount"]!);

        await using var probe = await EventProbe.StartAsync(server, $$"""subscription { onConnectorChanged(where: {{filter}}) { id matches } }""");
        foreach (var key in Rows.Select(r => r.Key).Append(Sentinel))
        {
            var touched = await _client.Http.SendJsonAsync(HttpMethod.Put, $"connector/{Id(key)}", $$"""{"icon": "touched-{{Guid.NewGuid():N}}"}""");
            Assert.Equal(HttpStatusCode.OK, touched.Status);
        }

        var live = new List<string>();
        while (live.LastOrDefault() != Id(Sentinel))
        {
            var change = (await probe.NextAsync())["data"]!["onConnectorChanged"]!;
            Assert.True((bool)change["matches"]!, $"{change} left the filter on a change that did not touch what it tests");
            live.Add((string)change["id"]!);
            Assert.True(live.Count <= Rows.Length + 1, $"more events than touches: {string.Join(",", live)}");
        }

        Assert.Equal(want, live.Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [InlineData("where: {name: {eq: \"😀\"}}", "filter=name:😀", "1")]
    [InlineData("where: {tags: {some: {eq: \"😀\"}}}", "filter=tags:😀", "1")]
    [InlineData("where: {name: {in: [\"😀\", \"😀a𝔸\"]}}", "filter=name>=😀", "1,2")] // (GraphQL has no string range)
    [InlineData("query: \"😀\"", "query=😀", "1,2,3,5")]
    [InlineData("query: \"x😀y\"", "query=x😀y", "3")]
    [InlineData("query: \"a😀\"", "query=a😀", "3")]
    [InlineData("query: \"name:😀A\"", "query=name:😀A", "2")]
    [InlineData("query: \"tags:😀TAG\"", "query=tags:😀TAG", "2")]
    [InlineData("query: \"category:😀D\"", "query=category:😀DB", "2")]
    [InlineData("query: \"processor.name:r😀\"", "query=processor.name:CRAWLER😀", "3")]
    public async Task GraphQL_and_rest_search_agree(string arguments, string rest, string expected)
    {
        var want = expected.Split(',').Select(Id).Order(StringComparer.Ordinal).ToList();
        var scope = $"{{id: {{startsWith: \"{_marker}-\"}}}}";
        var graphQL = (await _client.PostAsync(arguments.StartsWith("where:", StringComparison.Ordinal)
            ? $$"""{ connectors(first: 50, where: {and: [{{scope}}, {{arguments["where:".Length..]}}]}) { nodes { id } } }"""
            : $$"""{ connectors(first: 50, where: {{scope}}, {{arguments}}) { nodes { id } } }""")).Ok()["connectors"]!["nodes"]!.AsArray();
        Assert.Equal(want, Ids(graphQL));

        var parameters = string.Join('&', rest.Split('&').Select(p => p.Split('=', 2) is [var name, var value] ? $"{name}={Uri.EscapeDataString(value)}" : p));
        var found = await _client.Http.GetJsonAsync($"connector/_search?size=50&filter=id>={_marker}-&filter=id<{_marker}.&{parameters}");
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Equal(want, Ids(found.Object["hits"]!["hits"]!.AsArray(), "_id"));
    }

    private string Id(string key) => $"{_marker}-{key}";

    private async Task CreateAsync(JsonObject doc)
    {
        var created = await _client.Http.SendJsonAsync(HttpMethod.Post, "connector/", doc.ToJsonString(new JsonSerializerOptions()));
        Assert.Equal(HttpStatusCode.OK, created.Status);
    }

    private static List<string> Ids(JsonArray items, string member = "id") =>
        items.Select(n => (string)n![member]!).Order(StringComparer.Ordinal).ToList();
}
