using Coco.Connectors.Domain;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Querying;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Search;

/// <summary>
/// A store written under the previous schema (before the search indexes) is migrated by the next server start: the
/// indexes are built from the rows already there, and every row is found through them.
/// </summary>
[Trait("Store", "SqliteOnly")] // the migration adds SQLite's own indexes
public sealed class SearchIndexMigrationTests
{
    private const string PreviousMigration = "20261129202559_UrlWithPassword";

    [Fact]
    public async Task A_store_from_the_previous_schema_gets_its_indexes_and_loses_nothing()
    {
        using var first = new QueryingServer();
        await first.EnsureSeededAsync();
        var factory = first.Services.GetRequiredService<IDbContextFactory<Storage.CocoDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            // Back to the previous schema (this migration's Down), then rows written the way that schema's server wrote
            // them: no index, no trigger.
            await db.GetService<IMigrator>().MigrateAsync(PreviousMigration);
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>(
                "SELECT count(*) AS Value FROM sqlite_master WHERE name IN ('connectors_search', 'connector_tags')").SingleAsync());
            for (var i = 0; i < 30; i++)
            {
                var name = $"Legacy Quokka {i}";
                string[] tags = i % 2 == 0 ? ["marsupial", "legacy"] : ["legacy"];
                db.Connectors.Add(new Connector
                {
                    Id = $"legacy-{i:D2}", Name = name, Tags = [.. tags], Category = i % 3 == 0 ? "marsupials" : null, Created = QueryDataset.Epoch.UtcDateTime.AddHours(i),
                    Updated = QueryDataset.Epoch.UtcDateTime.AddHours(i), Version = 1,
                    SearchText = string.Join('\n', [name, .. (i % 3 == 0 ? ["marsupials"] : Array.Empty<string>()), .. tags]).ToLowerInvariant(),
                    Processor = new ConnectorProcessor { Name = i % 5 == 0 ? "pouch" : null },
                });
            }

            await db.SaveChangesAsync();
        }

        using var migrated = first.Restarted();
        var client = new QueryClient(migrated);
        var quokkas = await client.ExecuteAsync("{ connectors(first: 50, query: \"quokka\", order: [{id: ASC}]) { totalCount nodes { id } } }");
        Assert.Equal(30, quokkas.Ok().GetProperty("connectors").GetProperty("totalCount").GetInt32());
        var tagged = await client.ExecuteAsync("{ connectors(first: 50, where: {tags: {some: {eq: \"marsupial\"}}}) { totalCount } }");
        Assert.Equal(15, tagged.Ok().GetProperty("connectors").GetProperty("totalCount").GetInt32());
        Assert.Equal(10, await MarsupialsAsync(client)); // the kept category counts start from the stored rows
        Assert.Equal(10, await TotalAsync(client, """{category: {eq: "marsupials"}}"""));
        Assert.Equal(30, await TotalAsync(client, """{tags: {some: {eq: "legacy"}}}""")); // so do the kept tag counts
        Assert.Equal(6, await TotalAsync(client, """{processor: {name: {eq: "pouch"}}}""")); // and the kept processor names
        Assert.Equal(6, await TotalAsync(client, """{processor: {name: {contains: "ouc"}}}"""));
        Assert.Equal(30, await QuokkasAsync(client));
        // The rows written before the downgrade are still found through the rebuilt index too.
        var alpha = await client.ExecuteAsync("{ connectors(first: 5, query: \"github\", where: " + QueryDataset.Scope + ", order: [{id: ASC}]) { nodes { id } } }");
        Assert.Equal(QueryDataset.Ids("AE"), alpha.Ok().GetProperty("connectors").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToArray());

        // And the triggers keep it in step from now on.
        using var http = migrated.CreateHttpClient();
        var renamed = await http.PutAsync("connector/legacy-01",
            new StringContent("""{"name": "Renamed Wombat", "tags": ["marsupial"], "category": "marsupials"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(renamed.IsSuccessStatusCode, await renamed.Content.ReadAsStringAsync());
        var wombat = await client.ExecuteAsync("{ connectors(first: 5, query: \"wombat\") { nodes { id } } }");
        Assert.Equal("legacy-01", Assert.Single(wombat.Ok().GetProperty("connectors").GetProperty("nodes").EnumerateArray()).GetProperty("id").GetString());
        var stillTagged = await client.ExecuteAsync("{ connectors(first: 50, where: {tags: {some: {eq: \"marsupial\"}}}) { totalCount } }");
        Assert.Equal(16, stillTagged.Ok().GetProperty("connectors").GetProperty("totalCount").GetInt32());
        Assert.Equal(11, await MarsupialsAsync(client));
        Assert.Equal(29, await QuokkasAsync(client)); // a count read before a write is not answered after it

        Assert.True((await http.DeleteAsync("connector/legacy-00")).IsSuccessStatusCode);
        Assert.Equal(28, await QuokkasAsync(client));
        Assert.Equal(10, await MarsupialsAsync(client));
        Assert.Equal(10, await TotalAsync(client, """{category: {eq: "marsupials"}}"""));
        Assert.Equal(15, await TotalAsync(client, """{tags: {some: {eq: "marsupial"}}}"""));
        Assert.Equal(28, await TotalAsync(client, """{tags: {some: {eq: "legacy"}}}""")); // legacy-01 lost it, legacy-00 went
        Assert.Equal(0, await TotalAsync(client, """{tags: {some: {eq: "no-such-tag"}}}"""));
        Assert.Equal(5, await TotalAsync(client, """{processor: {name: {eq: "pouch"}}}""")); // legacy-00 held it
    }

    /// <summary>A count over the rows (not the index alone), so the count cache answers it when it may.</summary>
    private static async Task<int> QuokkasAsync(QueryClient client) =>
        (await client.ExecuteAsync("{ connectors(first: 1, query: \"quokka\", where: {builtin: {eq: false}}) { totalCount } }")).Ok()
            .GetProperty("connectors").GetProperty("totalCount").GetInt32();

    private static async Task<int> TotalAsync(QueryClient client, string where) =>
        (await client.ExecuteAsync("{ connectors(first: 1, where: " + where + ") { totalCount } }")).Ok()
            .GetProperty("connectors").GetProperty("totalCount").GetInt32();

    private static async Task<int> MarsupialsAsync(QueryClient client) =>
        (await client.ExecuteAsync("{ connectorCategories { category count } }")).Ok().GetProperty("connectorCategories").EnumerateArray()
            .Where(c => c.GetProperty("category").GetString() == "marsupials").Select(c => c.GetProperty("count").GetInt32()).SingleOrDefault();
}
