using System.Text.Json.Nodes;

namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// A sort object with several fields applies its fields in the order the client wrote them, as HotChocolate does: in
/// literals, in variables (the JSON object's key order), on <c>connectors</c> and <c>connectorsPage</c>; checked
/// against an in-memory ordering of the same rows, also for random multi-field sort objects.
/// </summary>
public sealed class WrittenSortOrderTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    private const string Connectors = "query($order: [ConnectorSortInput!]) { connectors(first: 50, where: " + QueryDataset.Scope + ", order: $order) { nodes { id } } }";

    private const string Page = "query($order: [ConnectorSortInput!]) { connectorsPage(take: 50, where: " + QueryDataset.Scope + ", order: $order) { items { id } } }";

    // Sort fields with repeated values in the dataset, so that the second and third key matter.
    private static readonly string[] Fields = ["category", "enabled", "pathHierarchy", "oauthConnectImplemented", "name", "processor.enabled", "processor.name", "description", "version"];

    [Fact]
    public async Task Fields_of_one_literal_sort_object_apply_in_written_order()
    {
        await server.EnsureSeededAsync();
        var categoryFirst = FilteringTests.Ids(await server.GraphQL.ExecuteAsync(
            $$"""{ connectors(first: 50, where: {{QueryDataset.Scope}}, order: [{category: ASC, name: DESC}]) { nodes { id } } }"""));
        var nameFirst = FilteringTests.Ids(await server.GraphQL.ExecuteAsync(
            $$"""{ connectors(first: 50, where: {{QueryDataset.Scope}}, order: [{name: DESC, category: ASC}]) { nodes { id } } }"""));

        Assert.Equal(Expected(("category", false), ("name", true)), categoryFirst);
        Assert.Equal(Expected(("name", true), ("category", false)), nameFirst);
        Assert.NotEqual(categoryFirst, nameFirst);
    }

    [Fact]
    public async Task Variables_apply_in_JSON_key_order_whole_list_or_per_item()
    {
        await server.EnsureSeededAsync();
        var list = new JsonArray(new JsonObject { ["enabled"] = "ASC", ["category"] = "DESC", ["name"] = "ASC" });
        Assert.Equal(Expected(("enabled", false), ("category", true), ("name", false)), await ConnectorIdsAsync(Connectors, list));

        var item = await server.GraphQL.ExecuteAsync(
            "query($item: ConnectorSortInput!) { connectors(first: 50, where: " + QueryDataset.Scope + ", order: [$item]) { nodes { id } } }",
            new JsonObject { ["item"] = new JsonObject { ["processor"] = new JsonObject { ["name"] = "DESC" }, ["category"] = "ASC" } });
        Assert.Equal(Expected(("processor.name", true), ("category", false)), FilteringTests.Ids(item));
    }

    [Fact]
    public async Task A_variable_default_and_a_nested_variable_keep_their_written_order()
    {
        await server.EnsureSeededAsync();
        var byDefault = await server.GraphQL.ExecuteAsync(
            "query($order: [ConnectorSortInput!] = [{name: ASC, enabled: DESC}]) { connectors(first: 50, where: " + QueryDataset.Scope + ", order: $order) { nodes { id } } }");
        Assert.Equal(Expected(("name", false), ("enabled", true)), FilteringTests.Ids(byDefault));

        var nested = await server.GraphQL.ExecuteAsync(
            "query($p: ConnectorProcessorSortInput) { connectors(first: 50, where: " + QueryDataset.Scope + ", order: [{enabled: ASC, processor: $p}]) { nodes { id } } }",
            new JsonObject { ["p"] = new JsonObject { ["name"] = "ASC", ["enabled"] = "DESC" } });
        Assert.Equal(Expected(("enabled", false), ("processor.name", false), ("processor.enabled", true)), FilteringTests.Ids(nested));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_multi_field_sort_objects_match_an_in_memory_order(int seed)
    {
        await server.EnsureSeededAsync();
        var random = new Random(seed);
        for (var round = 0; round < 12; round++)
        {
            var keys = Fields.OrderBy(_ => random.Next()).Take(random.Next(2, 5)).Select(f => (f, random.Next(2) == 0)).ToArray();
            var items = SplitIntoItems(keys, random);
            var expected = Expected(keys);

            var json = new JsonArray([.. items.Select(ToJson)]);
            var connectors = await ConnectorIdsAsync(Connectors, json);
            var page = PageIds(await server.GraphQL.ExecuteAsync(Page, new JsonObject { ["order"] = json.DeepClone() }));
            Assert.Equal(expected, connectors);
            Assert.Equal(expected, page);

            var literal = $$"""{ connectors(first: 50, where: {{QueryDataset.Scope}}, order: [{{string.Join(", ", items.Select(ToLiteral))}}]) { nodes { id } } }""";
            var fromLiteral = FilteringTests.Ids(await server.GraphQL.ExecuteAsync(literal));
            Assert.True(expected.SequenceEqual(fromLiteral), literal);
        }
    }

    private async Task<string[]> ConnectorIdsAsync(string query, JsonArray order) =>
        FilteringTests.Ids(await server.GraphQL.ExecuteAsync(query, new JsonObject { ["order"] = order }));

    private static string[] PageIds(GraphQLResponse response) =>
        [.. response.Ok().GetProperty("connectorsPage").GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];

    private static string[] Expected(params (string Field, bool Descending)[] keys) =>
        SortingTests.Expected([.. keys.Select(k => (SortingTests.Keys[k.Field], k.Descending))]);

    // Consecutive keys go into one sort object, or start a new list item; a processor key may share an object with
    // another processor key only when they are adjacent (a JSON object cannot name `processor` twice).
    private static List<List<(string Field, bool Descending)>> SplitIntoItems((string Field, bool Descending)[] keys, Random random)
    {
        var items = new List<List<(string, bool)>> { new() };
        foreach (var key in keys)
        {
            var current = items[^1];
            var processorTaken = current.Any(k => k.Item1.StartsWith("processor.", StringComparison.Ordinal));
            var lastIsProcessor = current.Count > 0 && current[^1].Item1.StartsWith("processor.", StringComparison.Ordinal);
            var fits = !key.Field.StartsWith("processor.", StringComparison.Ordinal) || !processorTaken || lastIsProcessor;
            if (current.Count > 0 && (!fits || random.Next(3) == 0))
            {
                items.Add(current = []);
            }

            current.Add(key);
        }

        return items;
    }

    private static JsonObject ToJson(List<(string Field, bool Descending)> item)
    {
        var obj = new JsonObject();
        foreach (var (field, descending) in item)
        {
            var direction = descending ? "DESC" : "ASC";
            if (field.StartsWith("processor.", StringComparison.Ordinal))
            {
                var processor = obj["processor"] as JsonObject ?? (JsonObject)(obj["processor"] = new JsonObject());
                processor[field["processor.".Length..]] = direction;
            }
            else
            {
                obj[field] = direction;
            }
        }

        return obj;
    }

    private static string ToLiteral(List<(string Field, bool Descending)> item) => JsonToLiteral(ToJson(item));

    private static string JsonToLiteral(JsonNode node) => node is JsonObject obj
        ? "{" + string.Join(", ", obj.Select(kv => kv.Key + ": " + JsonToLiteral(kv.Value!))) + "}"
        : node.GetValue<string>();
}
