using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.Tests.Querying;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Postgres.Search;

/// <summary>
/// The per-tag counts the trigger keeps (<c>connector_tag_counts</c>, read for the total of a one-tag search) follow
/// every write: a connector counts once per distinct tag, and changed, removed and deleted tags count down.
/// </summary>
public sealed class TagCountTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    [Fact]
    public async Task The_total_of_one_tag_follows_creates_updates_and_deletes()
    {
        var writer = server.Services.GetRequiredService<ConnectorWriter>();
        var first = await CreateAsync(writer, "count-a", "count-a", "count-b");
        var second = await CreateAsync(writer, "count-b");
        await AssertTotalsAsync(("count-a", 1), ("count-b", 2), ("count-c", 0));

        Assert.True((await writer.UpdateAsync(first, new JsonObject { ["tags"] = new JsonArray("count-b", "count-c") }, replace: false, null, CancellationToken.None)).Succeeded);
        await AssertTotalsAsync(("count-a", 0), ("count-b", 2), ("count-c", 1));

        // A write that leaves the tags alone changes no count.
        Assert.True((await writer.UpdateAsync(second, new JsonObject { ["description"] = "changed" }, replace: false, null, CancellationToken.None)).Succeeded);
        await AssertTotalsAsync(("count-b", 2));

        Assert.True((await writer.DeleteAsync(second, null, CancellationToken.None)).Succeeded);
        Assert.True((await writer.UpdateAsync(first, new JsonObject { ["tags"] = new JsonArray() }, replace: false, null, CancellationToken.None)).Succeeded);
        await AssertTotalsAsync(("count-a", 0), ("count-b", 0), ("count-c", 0));
    }

    private static async Task<string> CreateAsync(ConnectorWriter writer, params string[] tags)
    {
        var result = await writer.CreateAsync(new JsonObject { ["name"] = "tag count " + string.Join(',', tags), ["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]) }, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Connector!.Id;
    }

    /// <summary>Each tag's total (from the kept count) equals the expected number and the count of the rows themselves.</summary>
    private async Task AssertTotalsAsync(params (string Tag, int Expected)[] totals)
    {
        foreach (var (tag, expected) in totals)
        {
            var kept = await TotalAsync("{tags: {some: {eq: \"" + tag + "\"}}}");
            var rows = await TotalAsync("{tags: {some: {in: [\"" + tag + "\", \"never-a-tag\"]}}}");
            Assert.Equal((tag, expected), (tag, kept));
            Assert.Equal((tag, expected), (tag, rows));
        }
    }

    private async Task<int> TotalAsync(string where) =>
        (await server.GraphQL.ExecuteAsync($$"""{ connectors(first: 1, where: {{where}}) { totalCount } }""")).Ok()
            .GetProperty("connectors").GetProperty("totalCount").GetInt32();
}
