using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// Counts held by the count cache are named by their statement and every parameter's value: two filters whose
/// statements read the same and differ only in a list's values (tags, ids, categories), asked one after the other
/// with no write between, each get their own total.
/// </summary>
public sealed class CountKeyTests(CocoServer server) : IClassFixture<CocoServer>, IAsyncLifetime, IDisposable
{
    // By the last part of their id: tags and category.
    private static readonly (string Key, string[] Tags, string Category)[] Rows =
    [
        ("1", ["a"], "ca"),
        ("2", ["a", "b"], "ca"),
        ("3", ["b", "c"], "cb"),
        ("4", ["c"], "cb"),
        ("5", ["d"], "cb"),
        ("6", ["d"], "cc"),
        ("7", ["d"], "cc"),
    ];

    private readonly GraphQLTestClient _client = new(server);
    private readonly string _marker = $"ck{Guid.NewGuid():N}"[..12];

    public async Task InitializeAsync()
    {
        foreach (var row in Rows)
        {
            var doc = new JsonObject
            {
                ["id"] = Id(row.Key),
                ["name"] = row.Key,
                ["category"] = Value(row.Category),
                ["tags"] = new JsonArray([.. row.Tags.Select(t => JsonValue.Create(Value(t)))]),
            };
            var created = await _client.Http.SendJsonAsync(HttpMethod.Post, "connector/", doc.ToJsonString(new JsonSerializerOptions()));
            Assert.Equal(HttpStatusCode.OK, created.Status);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Lists_of_the_same_length_with_other_values_get_their_own_totals()
    {
        // Each pair has lists of one length; a page of one row leaves the total to be counted (and cached).
        (string Filter, int Total)[] cases =
        [
            ($"{{tags: {{some: {{in: [{List("a")}]}}}}}}", 2),
            ($"{{tags: {{some: {{in: [{List("d")}]}}}}}}", 3),
            ($"{{tags: {{some: {{in: [{List("a", "b")}]}}}}}}", 3),
            ($"{{tags: {{some: {{in: [{List("c", "d")}]}}}}}}", 5),
            ($"{{id: {{in: [{Ids("1", "2", "3")}]}}}}", 3),
            ($"{{id: {{in: [{Ids("1", "2", "9")}]}}}}", 2),
            ($"{{category: {{in: [{List("ca")}]}}}}", 2),
            ($"{{category: {{in: [{List("cb")}]}}}}", 3),
        ];

        // Twice, so the second round is answered from what the first one held.
        for (var round = 0; round < 2; round++)
        {
            foreach (var (filter, total) in cases)
            {
                var page = (await _client.PostAsync($$"""{ connectors(first: 1, where: {{filter}}) { totalCount nodes { id } } }""")).Ok()["connectors"]!;
                Assert.True(total == (int)page["totalCount"]!, $"{filter}: expected {total}, got {page["totalCount"]} (round {round})");
            }
        }
    }

    private string Id(string key) => $"{_marker}-{key}";

    private string Value(string value) => $"{_marker}{value}";

    private string List(params string[] values) => string.Join(", ", values.Select(v => $"\"{Value(v)}\""));

    private string Ids(params string[] keys) => string.Join(", ", keys.Select(k => $"\"{Id(k)}\""));
}
