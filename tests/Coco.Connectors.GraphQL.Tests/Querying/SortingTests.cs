namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// Every sortable field in both directions on the dataset, against an independent in-test ordering: ordinal text
/// order, false before true, missing values smallest (first ascending, last descending), ties broken by id in the
/// direction of the last key.
/// </summary>
public sealed class SortingTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    internal static readonly Dictionary<string, Func<DatasetRow, IComparable?>> Keys = new()
    {
        ["id"] = r => r.Id,
        ["name"] = r => r.Name,
        ["description"] = r => r.Description,
        ["category"] = r => r.Category,
        ["icon"] = r => r.Icon,
        ["url"] = r => r.Url,
        ["pathHierarchy"] = r => r.PathHierarchy,
        ["builtin"] = _ => false,
        ["oauthConnectImplemented"] = r => r.OauthConnectImplemented,
        ["enabled"] = r => r.Enabled,
        ["processor.enabled"] = r => r.ProcessorEnabled,
        ["processor.name"] = r => r.ProcessorName,
        ["created"] = r => r.Created,
        ["updated"] = r => r.Created,
        ["version"] = r => r.Version,
    };

    public static TheoryData<string, bool> Fields()
    {
        var data = new TheoryData<string, bool>();
        foreach (var field in Keys.Keys)
        {
            data.Add(field, false);
            data.Add(field, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Each_sortable_field_orders_both_ways(string field, bool descending)
    {
        await server.EnsureSeededAsync();
        var direction = descending ? "DESC" : "ASC";
        var order = field.StartsWith("processor.", StringComparison.Ordinal)
            ? $"{{processor: {{{field["processor.".Length..]}: {direction}}}}}"
            : $"{{{field}: {direction}}}";
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 50, where: {{QueryDataset.Scope}}, order: [{{order}}]) { nodes { id } } }""");
        Assert.Equal(Expected([(Keys[field], descending)]), FilteringTests.Ids(response));
    }

    [Fact]
    public async Task List_items_apply_in_order()
    {
        await server.EnsureSeededAsync();
        var response = await server.GraphQL.ExecuteAsync(
            $$"""{ connectors(first: 50, where: {{QueryDataset.Scope}}, order: [{enabled: DESC}, {category: ASC}, {name: DESC}]) { nodes { id } } }""");
        Assert.Equal(Expected([(Keys["enabled"], true), (Keys["category"], false), (Keys["name"], true)]), FilteringTests.Ids(response));
    }

    [Fact]
    public async Task Default_order_is_newest_first()
    {
        await server.EnsureSeededAsync();
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 50, where: {{QueryDataset.Scope}}) { nodes { id } } }""");
        Assert.Equal(QueryDataset.Ids("HGFEDCBA"), FilteringTests.Ids(response));
    }

    internal static string[] Expected(IReadOnlyList<(Func<DatasetRow, IComparable?> Key, bool Descending)> keys)
    {
        var rows = QueryDataset.Rows.ToList();
        rows.Sort((a, b) =>
        {
            foreach (var (key, descending) in keys)
            {
                var c = Compare(key(a), key(b));
                if (c != 0)
                {
                    return descending ? -c : c;
                }
            }

            var byId = string.CompareOrdinal(a.Id, b.Id);
            return keys[^1].Descending ? -byId : byId;
        });
        return [.. rows.Select(r => r.Id)];
    }

    private static int Compare(IComparable? a, IComparable? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => Math.Sign(string.CompareOrdinal(x, y)),
        _ => a.CompareTo(b),
    };
}
