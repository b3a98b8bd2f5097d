using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Querying;

/// <summary>One connector of the test dataset, as the tests think of it (the expected values).</summary>
public sealed record DatasetRow(
    string Id, string Name, string? Description, string? Category, string? Icon, string? Url, string[] Tags,
    bool PathHierarchy, bool OauthConnectImplemented, bool Enabled, bool ProcessorEnabled, string? ProcessorName, int Minute)
{
    public DateTime Created => QueryDataset.Epoch.AddMinutes(Minute).UtcDateTime;

    /// <summary>1, 2 or 3: the seeding saves some rows again (at their creation time) so that versions differ and repeat.</summary>
    public int Version => 1 + (Minute % 3);

    public JsonObject ToDocument()
    {
        var doc = new JsonObject
        {
            ["id"] = Id,
            ["name"] = Name,
            ["tags"] = new JsonArray([.. Tags.Select(t => JsonValue.Create(t))]),
            ["path_hierarchy"] = PathHierarchy,
            ["oauth_connect_implemented"] = OauthConnectImplemented,
            ["enabled"] = Enabled,
            ["config"] = new JsonObject { ["api_key"] = "sk-secret", ["region"] = "eu" },
        };
        AddIfPresent(doc, "description", Description);
        AddIfPresent(doc, "category", Category);
        AddIfPresent(doc, "icon", Icon);
        AddIfPresent(doc, "url", Url);
        if (ProcessorEnabled || ProcessorName is not null)
        {
            var processor = new JsonObject { ["enabled"] = ProcessorEnabled };
            AddIfPresent(processor, "name", ProcessorName);
            doc["processor"] = processor;
        }

        return doc;
    }

    private static void AddIfPresent(JsonObject doc, string key, string? value)
    {
        if (value is not null)
        {
            doc[key] = value;
        }
    }
}

/// <summary>
/// Eight connectors with ids starting <c>qa-</c> (no built-in id does), mixing case, non-ASCII text, missing values and
/// empty tags, created a minute apart from <see cref="Epoch"/>. Letters A–H in test names are the ids' last letter.
/// </summary>
public static class QueryDataset
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>GraphQL filter restricting a query to this dataset.</summary>
    public const string Scope = """{id: {startsWith: "qa-"}}""";

    public static IReadOnlyList<DatasetRow> Rows { get; } =
    [
        new("qa-a", "Alpha", "Syncs GitHub repositories", "code", "github", "https://github.com", ["qt", "git", "Code"], true, true, true, true, "github", 1),
        new("qa-b", "beta", null, "code", null, null, ["qt"], false, false, false, false, null, 2),
        new("qa-c", "Gamma Drive", "Google drive files", "cloud_storage", "drive", "https://drive.google.com", ["qt", "drive"], true, true, true, true, "gdrive", 3),
        new("qa-d", "Δelta", "Ünïcode déscription", "database", "db", null, ["qt", "ünï"], false, false, true, true, "Database", 4),
        new("qa-e", "epsilon", "GITHUB mirror", null, null, "http://example.com/Path", ["qt", "git"], false, false, true, false, "github", 5),
        new("qa-f", "Zeta", "zeta", "Code", "z", null, ["qt", "zeta"], false, true, false, true, null, 6),
        new("qa-g", "Éta", "eta site", "website", "", "https://éta.example", ["qt"], true, false, true, false, "web", 7),
        new("qa-h", "Hollow", null, null, null, null, [], false, false, true, false, null, 8),
    ];

    public static async Task SeedAsync(QueryingServer server)
    {
        var service = server.Services.GetRequiredService<ConnectorWriter>();
        foreach (var row in Rows)
        {
            server.Clock.Set(Epoch.AddMinutes(row.Minute));
            // A write that changes nothing keeps the version, so each update renames the row; the last restores its name.
            var document = row.ToDocument();
            document["name"] = row.Version > 1 ? $"{row.Name} (1)" : row.Name;
            var result = await service.CreateAsync(document, CancellationToken.None);
            Assert.True(result.Succeeded, $"{row.Id}: {JsonSerializer.Serialize(result.Errors.Select(e => e.ToString()))}");
            for (var version = 1; version < row.Version; version++)
            {
                var name = version + 1 < row.Version ? $"{row.Name} ({version + 1})" : row.Name;
                var saved = await service.UpdateAsync(row.Id, new JsonObject { ["name"] = name }, replace: false, expectedVersion: version, CancellationToken.None);
                Assert.True(saved.Succeeded, $"{row.Id}: {JsonSerializer.Serialize(saved.Errors.Select(e => e.ToString()))}");
            }
        }
    }

    /// <summary>The ids of the rows named by letters, e.g. "ACE" → qa-a, qa-c, qa-e.</summary>
    public static string[] Ids(string letters) => [.. letters.Select(l => "qa-" + char.ToLowerInvariant(l))];
}
