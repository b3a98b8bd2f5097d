using System.Text;
using System.Text.Json;

namespace Coco.Connectors.Tests.Querying;

/// <summary>Cursor paging over the whole store (26 built-ins + the 8-row dataset = 34 connectors).</summary>
public sealed class PagingTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    private const int StoreSize = 26 + 8;

    public static TheoryData<string, int> Walks()
    {
        var data = new TheoryData<string, int>();
        foreach (var order in new[] { "[]", "[{description: ASC}]", "[{category: DESC}, {name: ASC}]", "[{enabled: ASC}]", "[{processor: {name: DESC}}]", "[{url: ASC}]" })
        {
            data.Add(order, 1);
            data.Add(order, 7);
            data.Add(order, 50);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task Walking_forwards_and_backwards_visits_every_connector_once_in_order(string order, int pageSize)
    {
        await server.EnsureSeededAsync();
        var all = await AllAsync(order);
        Assert.Equal(StoreSize, all.Count);

        Assert.Equal(all, await WalkAsync(order, pageSize, forward: true));
        Assert.Equal(all, await WalkAsync(order, pageSize, forward: false));
    }

    [Fact]
    public async Task Default_page_size_is_10()
    {
        await server.EnsureSeededAsync();
        var page = Connection(await server.GraphQL.ExecuteAsync("{ connectors { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }"));
        Assert.Equal(10, page.GetProperty("nodes").GetArrayLength());
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Fact]
    public async Task First_zero_is_an_empty_page_that_still_knows_what_follows()
    {
        await server.EnsureSeededAsync();
        var empty = Connection(await server.GraphQL.ExecuteAsync("{ connectors(first: 0) { edges { cursor } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"));
        Assert.Equal(0, empty.GetProperty("edges").GetArrayLength());
        Assert.Equal(0, empty.GetProperty("nodes").GetArrayLength());
        var info = empty.GetProperty("pageInfo");
        Assert.True(info.GetProperty("hasNextPage").GetBoolean());
        Assert.False(info.GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(JsonValueKind.Null, info.GetProperty("startCursor").ValueKind);
        Assert.Equal(JsonValueKind.Null, info.GetProperty("endCursor").ValueKind);

        var lastPage = Connection(await server.GraphQL.ExecuteAsync("{ connectors(last: 1) { pageInfo { endCursor } } }"));
        var end = lastPage.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var afterEnd = Connection(await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 0, after: "{{end}}") { pageInfo { hasNextPage hasPreviousPage } } }"""));
        Assert.False(afterEnd.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(afterEnd.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Fact]
    public async Task First_and_last_together_take_the_end_of_the_first_slice()
    {
        await server.EnsureSeededAsync();
        var all = await AllAsync("[]");
        var page = Connection(await server.GraphQL.ExecuteAsync("{ connectors(first: 5, last: 2) { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }"));
        Assert.Equal(all.Skip(3).Take(2), page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Theory]
    [InlineData("first: 51", 51)]
    [InlineData("last: 51", 51)]
    [InlineData("first: 10, last: 1000", 1000)]
    public async Task More_than_50_per_page_is_HC0051(string arguments, int requested)
    {
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors({{arguments}}) { nodes { id } } }""");
        Assert.Equal("HC0051", response.ErrorCode);
        Assert.EndsWith($"must be from 0 to 50 (was {requested}).", response.FirstError.GetProperty("message").GetString(), StringComparison.Ordinal);
        var extensions = response.FirstError.GetProperty("extensions");
        Assert.Equal(requested, extensions.GetProperty("requestedItems").GetInt32());
        Assert.Equal(50, extensions.GetProperty("maxAllowedItems").GetInt32());
        Assert.Equal("Query.connectors", extensions.GetProperty("coordinate").GetString());
        Assert.Equal("connectors", response.FirstError.GetProperty("path")[0].GetString());
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("connectors").ValueKind);
    }

    [Theory]
    [InlineData("first: -1", "first")]
    [InlineData("last: -5", "last")]
    public async Task Negative_page_sizes_are_HC0079(string arguments, string argument)
    {
        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors({{arguments}}) { nodes { id } } }""");
        Assert.Equal("HC0079", response.ErrorCode);
        Assert.StartsWith($"`{argument}` must be from 0 to 50 (was -", response.FirstError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(argument, response.FirstError.GetProperty("extensions").GetProperty("argument").GetString());
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("connectors").ValueKind);
    }

    public static TheoryData<string> MalformedCursors() => new()
    {
        "not a cursor!",
        "MA==",
        Base64("hello"),
        Base64("""{"o":"created DESC,id DESC"}"""),
        Base64("""{"o":"created DESC,id DESC","k":["2025-01-01","x"]}"""),
        Base64("""{"o":"created DESC,id DESC","k":[1]}"""),
        Base64("""{"o":"created DESC,id DESC","k":[null,"x"]}"""),
        Base64("""{"o":"created DESC,id DESC","k":[-1,"x"]}"""),
        Base64("""["created DESC,id DESC"]"""),
    };

    [Theory]
    [MemberData(nameof(MalformedCursors))]
    public async Task Malformed_cursors_are_HC0078_naming_the_argument(string cursor)
    {
        foreach (var argument in new[] { "after", "before" })
        {
            var response = await server.GraphQL.ExecuteAsync($$"""query($c: String) { connectors({{argument}}: $c) { nodes { id } } }""", new { c = cursor });
            Assert.Equal("HC0078", response.ErrorCode);
            var extensions = response.FirstError.GetProperty("extensions");
            Assert.Equal(argument, extensions.GetProperty("argument").GetString());
            Assert.Equal(cursor, extensions.GetProperty("cursor").GetString());
            Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("connectors").ValueKind);
        }
    }

    [Fact]
    public async Task A_cursor_used_with_another_order_is_refused()
    {
        await server.EnsureSeededAsync();
        var page = Connection(await server.GraphQL.ExecuteAsync("{ connectors(first: 3, order: [{name: ASC}]) { pageInfo { endCursor } } }"));
        var cursor = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var response = await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 3, after: "{{cursor}}", order: [{name: DESC}]) { nodes { id } } }""");
        Assert.Equal("CURSOR_ORDER_MISMATCH", response.ErrorCode);
        Assert.Contains("name ASC", response.FirstError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("connectors").ValueKind);

        var withDefault = await server.GraphQL.ExecuteAsync($$"""{ connectors(before: "{{cursor}}") { nodes { id } } }""");
        Assert.Equal("CURSOR_ORDER_MISMATCH", withDefault.ErrorCode);
    }

    [Fact]
    public async Task Total_count_counts_the_filtered_unpaged_set_and_only_when_selected()
    {
        await server.EnsureSeededAsync();
        var all = Connection(await server.GraphQL.ExecuteAsync("{ connectors(first: 1) { totalCount } }"));
        Assert.Equal(StoreSize, all.GetProperty("totalCount").GetInt32());

        var filtered = Connection(await server.GraphQL.ExecuteAsync(
            "{ connectors(first: 1, where: {and: [" + QueryDataset.Scope + ", {enabled: {eq: false}}]}) { totalCount } }"));
        Assert.Equal(2, filtered.GetProperty("totalCount").GetInt32());

        var none = Connection(await server.GraphQL.ExecuteAsync("""{ connectors(where: {name: {eq: "no such connector"}}) { totalCount nodes { id } } }"""));
        Assert.Equal(0, none.GetProperty("totalCount").GetInt32());

        var searched = Connection(await server.GraphQL.ExecuteAsync("{ connectors(first: 1, query: \"ünïcode\", where: " + QueryDataset.Scope + ") { totalCount } }"));
        Assert.Equal(1, searched.GetProperty("totalCount").GetInt32());

        server.Sql.Clear();
        Connection(await server.GraphQL.ExecuteAsync("{ connectors(first: 5) { nodes { id } pageInfo { hasNextPage } } }"));
        Assert.DoesNotContain(server.Sql.Commands, sql => sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase));

        // A filter no request asked before, so the store's count cache cannot answer it.
        var unseen = Guid.NewGuid().ToString("N");
        server.Sql.Clear();
        Connection(await server.GraphQL.ExecuteAsync($$$"""{ connectors(first: 5, where: {name: {neq: "{{{unseen}}}"}}) { ... on ConnectorsConnection { total: totalCount } } }"""));
        Assert.Single(server.Sql.Commands, sql => sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The whole store in one request (it fits in one page of 50).</summary>
    private async Task<List<string>> AllAsync(string order)
    {
        var page = Connection(await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 50, order: {{order}}) { nodes { id } pageInfo { hasNextPage } } }"""));
        Assert.False(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        return [.. page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];
    }

    /// <summary>Pages through with first/after (or last/before), checking pageInfo on every page; returns ids in list order.</summary>
    private async Task<List<string>> WalkAsync(string order, int size, bool forward)
    {
        var seen = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var arguments = forward
                ? $"first: {size}" + (cursor is null ? "" : $", after: \"{cursor}\"")
                : $"last: {size}" + (cursor is null ? "" : $", before: \"{cursor}\"");
            var connection = Connection(await server.GraphQL.ExecuteAsync(
                $$"""{ connectors({{arguments}}, order: {{order}}) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""));
            var edges = connection.GetProperty("edges").EnumerateArray().ToList();
            var ids = edges.Select(e => e.GetProperty("node").GetProperty("id").GetString()!).ToList();
            var info = connection.GetProperty("pageInfo");
            Assert.InRange(ids.Count, 1, size);
            Assert.Equal(edges[0].GetProperty("cursor").GetString(), info.GetProperty("startCursor").GetString());
            Assert.Equal(edges[^1].GetProperty("cursor").GetString(), info.GetProperty("endCursor").GetString());

            // Forwards, the pages before this one exist exactly when we came from a cursor; backwards, those after.
            Assert.Equal(cursor is not null, forward ? info.GetProperty("hasPreviousPage").GetBoolean() : info.GetProperty("hasNextPage").GetBoolean());
            var more = forward ? info.GetProperty("hasNextPage").GetBoolean() : info.GetProperty("hasPreviousPage").GetBoolean();
            if (forward)
            {
                seen.AddRange(ids);
                cursor = info.GetProperty("endCursor").GetString();
            }
            else
            {
                seen.InsertRange(0, ids);
                cursor = info.GetProperty("startCursor").GetString();
            }

            if (!more)
            {
                Assert.Equal(StoreSize, seen.Count);
                return seen;
            }
        }

        throw new InvalidOperationException("the walk did not end");
    }

    private static JsonElement Connection(GraphQLResponse response) => response.Ok().GetProperty("connectors");

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
