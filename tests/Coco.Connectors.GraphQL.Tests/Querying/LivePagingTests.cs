using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// Keyset cursors under change: connectors are created and deleted between page requests (including the row the
/// cursor points at). Rows that exist throughout must each appear exactly once, in order; no row may appear twice.
/// </summary>
public sealed class LivePagingTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    private const string Where = """{tags: {some: {eq: "live"}}}""";

    [Theory]
    [InlineData("[{name: ASC}]", true)]
    [InlineData("[{name: ASC}]", false)]
    [InlineData("[]", true)]
    [InlineData("[{description: DESC}]", true)]
    [InlineData("[{description: DESC}]", false)]
    public async Task Paging_while_connectors_are_created_and_deleted_neither_repeats_nor_skips(string order, bool forward)
    {
        var service = server.Services.GetRequiredService<ConnectorWriter>();
        var run = Guid.NewGuid().ToString("N")[..6];
        var initial = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            initial.Add(await CreateAsync(service, $"{run}-{i:00}", minute: 100 + i, hasDescription: i % 3 != 0));
        }

        var deleted = new HashSet<string>();
        var returned = new List<string>();
        string? cursor = null;
        var random = new Random(42);
        for (var page = 0; page < 50; page++)
        {
            var arguments = forward
                ? $"first: 3" + (cursor is null ? "" : $", after: \"{cursor}\"")
                : $"last: 3" + (cursor is null ? "" : $", before: \"{cursor}\"");
            var connection = (await server.GraphQL.ExecuteAsync(
                $"{{ connectors({arguments}, order: {order}, where: {Scope(run)}) {{ nodes {{ id }} pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} }} }}"))
                .Ok().GetProperty("connectors");
            var ids = connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
            returned.AddRange(forward ? ids : Enumerable.Reverse(ids));
            var info = connection.GetProperty("pageInfo");
            if (!info.GetProperty(forward ? "hasNextPage" : "hasPreviousPage").GetBoolean())
            {
                break;
            }

            cursor = info.GetProperty(forward ? "endCursor" : "startCursor").GetString();

            // Between pages: delete the cursor row itself, one row not yet seen, one already seen; add rows on both sides.
            var cursorRow = forward ? ids[^1] : ids[0];
            var unseen = initial.Where(id => !returned.Contains(id) && !deleted.Contains(id)).ToList();
            foreach (var id in new[] { cursorRow, unseen.Count > 0 ? unseen[random.Next(unseen.Count)] : null, returned[random.Next(returned.Count)] })
            {
                if (id is not null && deleted.Add(id))
                {
                    Assert.True((await service.DeleteAsync(id, null, CancellationToken.None)).Succeeded);
                }
            }

            await CreateAsync(service, $"{run}-{random.Next(100):00}x{page}", minute: 90 + random.Next(40), hasDescription: random.Next(2) == 0);
        }

        Assert.Equal(returned.Count, returned.Distinct().Count());
        var survivors = initial.Where(id => !deleted.Contains(id)).ToList();
        Assert.All(survivors, id => Assert.Contains(id, returned));

        // The rows that were there from start to end come back in the order a fresh query gives them.
        var fresh = (await server.GraphQL.ExecuteAsync(
            $"{{ connectors(first: 50, order: {order}, where: {Scope(run)}) {{ nodes {{ id }} }} }}"))
            .Ok().GetProperty("connectors").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
        var expected = fresh.Where(survivors.Contains).ToList();
        if (!forward)
        {
            expected.Reverse();
        }

        Assert.Equal(expected, returned.Where(survivors.Contains).ToList());
    }

    [Theory]
    [InlineData("[{name: ASC}]", true)]
    [InlineData("[{name: ASC}]", false)]
    [InlineData("[{description: DESC}]", true)]
    [InlineData("[{description: DESC}]", false)]
    public async Task Across_a_cursor_the_flag_is_exact_after_deletions_and_costs_no_extra_query(string order, bool forward)
    {
        var service = server.Services.GetRequiredService<ConnectorWriter>();
        var run = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 4; i++)
        {
            await CreateAsync(service, $"{run}-{i:00}", minute: 200 + i, hasDescription: i != 1);
        }

        // The row at the very start (forwards) or end (backwards), its cursor, then the page beyond it.
        var (direction, flag, cursorOf) = forward ? ("first", "hasPreviousPage", "endCursor") : ("last", "hasNextPage", "startCursor");
        var edge = (await server.GraphQL.ExecuteAsync(
            $"{{ connectors({direction}: 1, order: {order}, where: {Scope(run)}) {{ nodes {{ id }} pageInfo {{ {cursorOf} }} }} }}"))
            .Ok().GetProperty("connectors");
        var edgeId = edge.GetProperty("nodes")[0].GetProperty("id").GetString()!;
        var cursor = edge.GetProperty("pageInfo").GetProperty(cursorOf).GetString();
        var beyond = $"{{ connectors({direction}: 2, {(forward ? "after" : "before")}: \"{cursor}\", order: {order}, where: {Scope(run)}) {{ nodes {{ id }} pageInfo {{ {flag} }} }} }}";

        server.Sql.Clear();
        var page = (await server.GraphQL.ExecuteAsync(beyond)).Ok().GetProperty("connectors");
        Assert.Equal(2, page.GetProperty("nodes").GetArrayLength());
        Assert.True(page.GetProperty("pageInfo").GetProperty(flag).GetBoolean());
        // One query reads the page with its flag. In an order with an index to walk, a bounded probe of the tag index
        // (how common the tag is, which decides the page's plan; on PostgreSQL a read of the kept tag counts) runs before
        // it and reads no connector (docs/decisions.md).
        Assert.Single(server.Sql.Commands, sql => sql.Contains("SELECT", StringComparison.OrdinalIgnoreCase) && !IsTagProbe(sql));
        Assert.All(server.Sql.Commands.Where(IsTagProbe), sql => Assert.DoesNotContain("\"connectors\"", sql, StringComparison.Ordinal));

        // With the cursor's own row gone, nothing lies behind the cursor any more.
        Assert.True((await service.DeleteAsync(edgeId, null, CancellationToken.None)).Succeeded);
        page = (await server.GraphQL.ExecuteAsync(beyond)).Ok().GetProperty("connectors");
        Assert.Equal(2, page.GetProperty("nodes").GetArrayLength());
        Assert.False(page.GetProperty("pageInfo").GetProperty(flag).GetBoolean());
    }

    private static bool IsTagProbe(string sql) =>
        sql.Contains("SELECT EXISTS (SELECT 1 FROM connector_tags", StringComparison.Ordinal) || sql.Contains("FROM connector_tag_counts", StringComparison.Ordinal);

    private static string Scope(string run) => "{and: [" + Where + ", {name: {startsWith: \"" + run + "\"}}]}";

    private async Task<string> CreateAsync(ConnectorWriter service, string name, int minute, bool hasDescription)
    {
        server.Clock.Set(QueryDataset.Epoch.AddMinutes(minute));
        var doc = new JsonObject { ["name"] = name, ["tags"] = new JsonArray("live") };
        if (hasDescription)
        {
            doc["description"] = $"d{minute % 7}";
        }

        var result = await service.CreateAsync(doc, CancellationToken.None);
        Assert.True(result.Succeeded);
        return result.Connector!.Id;
    }
}
