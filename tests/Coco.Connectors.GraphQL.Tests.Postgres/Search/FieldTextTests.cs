using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Coco.Connectors.Tests.Querying;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Postgres.Search;

/// <summary>
/// <c>field:value</c> words on PostgreSQL, read through the trigram indexes on <c>lower(field)</c> and the kept distinct
/// tags and categories, answer exactly what PostgreSQL's own test answers when it reads every row (indexes switched
/// off): values whose lower-casing differs between .NET and PostgreSQL ('İ', 'ß', 'Σ'), characters beyond U+FFFF and
/// LIKE's metacharacters (<c>% _ \</c>) included.
/// </summary>
public sealed class FieldTextTests(QueryingServer server) : IClassFixture<QueryingServer>
{
    private static readonly string[] Values =
        ["İstanbul", "ISTANBUL", "straße", "STRASSE", "ΣΊΣΥΦΟΣ", "σίσυφος", "🦄 unicorn", "100%_off", "a\\b", "under_score", "plain"];

    private static readonly string[] Words =
        ["İ", "i̇", "i", "ist", "İst", "ß", "ss", "straß", "σ", "ς", "Σίσ", "🦄", "🦄 u", "%", "_", "\\", "100%", "%_o", "r_s", "a\\b", "pla", "zz"];

    private static readonly SemaphoreSlim SeedLock = new(1, 1);

    private static bool seeded;

    public static TheoryData<string> Fields => ["name", "description", "category", "tags", "processor.name"];

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_field_value_word_finds_what_a_scan_of_every_row_finds(string field)
    {
        await SeedAsync();
        foreach (var word in Words)
        {
            var lowered = word.ToLowerInvariant();
            var expected = await ScanAsync(Scanned(field, lowered));
            var response = await server.GraphQL.ExecuteAsync($"{{ connectors(first: 50, query: {JsonSerializer.Serialize($"{field}:{word}")}) {{ totalCount nodes {{ id }} }} }}");
            var data = response.Ok().GetProperty("connectors");
            var ids = data.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal($"{field}:{word} → {string.Join(",", expected)}", $"{field}:{word} → {string.Join(",", ids)}");
            Assert.Equal((field, word, expected.Count), (field, word, data.GetProperty("totalCount").GetInt32()));
        }
    }

    /// <summary>REST's keyword fields match the whole value, ignoring case as PostgreSQL's <c>lower()</c> does.</summary>
    [Theory]
    [InlineData("category")]
    [InlineData("tags")]
    [InlineData("processor.name")]
    public async Task A_rest_keyword_value_finds_what_a_scan_of_every_row_finds(string field)
    {
        await SeedAsync();
        using var client = server.CreateHttpClient();
        foreach (var value in Values.Concat(["istanbul", "i̇stanbul", "strasse", "σίσυφοσ", "σίσυφος", "100%_OFF", "%", "a\\b"]))
        {
            var expected = await ScanAsync(WholeValue(field, value.ToLowerInvariant()));
            using var response = await client.GetAsync($"connector/_search?size=100&query={Uri.EscapeDataString($"{field}:{value}")}");
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var hits = body.RootElement.GetProperty("hits");
            var ids = hits.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("_id").GetString()!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal($"{field}:{value} → {string.Join(",", expected)}", $"{field}:{value} → {string.Join(",", ids)}");
        }
    }

    /// <summary>The plain tests a <c>field:value</c> word stands for, evaluated by PostgreSQL over every row.</summary>
    private static Expression<Func<Connector, bool>> Scanned(string field, string term) => field switch
    {
        "name" => c => c.Name.ToLower().Contains(term),
        "description" => c => c.Description != null && c.Description.ToLower().Contains(term),
        "category" => c => c.Category != null && c.Category.ToLower().Contains(term),
        "tags" => c => c.Tags.Any(t => t.ToLower().Contains(term)),
        _ => c => c.Processor.Name != null && c.Processor.Name.ToLower().Contains(term),
    };

    private static Expression<Func<Connector, bool>> WholeValue(string field, string term) => field switch
    {
        "category" => c => c.Category != null && c.Category.ToLower() == term,
        "tags" => c => c.Tags.Any(t => t.ToLower() == term),
        _ => c => c.Processor.Name != null && c.Processor.Name.ToLower() == term,
    };

    /// <summary>The ids PostgreSQL finds for <paramref name="test"/> with its indexes switched off (a scan of every row).</summary>
    private async Task<List<string>> ScanAsync(Expression<Func<Connector, bool>> test)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<CocoDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexonlyscan = off");
        var ids = await db.Connectors.AsNoTracking().Where(test).Select(c => c.Id).ToListAsync();
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    /// <summary>One connector per value, holding it in every free-text field (and once as a second tag).</summary>
    private async Task SeedAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            if (seeded)
            {
                return;
            }

            var writer = server.Services.GetRequiredService<ConnectorWriter>();
            for (var i = 0; i < Values.Length; i++)
            {
                var value = Values[i];
                var doc = new JsonObject
                {
                    ["name"] = $"{value} {i}",
                    ["description"] = $"about {value}",
                    ["category"] = value,
                    ["tags"] = new JsonArray(value, $"t{i}"),
                    ["processor"] = new JsonObject { ["enabled"] = true, ["name"] = value },
                };
                var result = await writer.CreateAsync(doc, CancellationToken.None);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            }

            seeded = true;
        }
        finally
        {
            SeedLock.Release();
        }
    }
}
