using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Seeding;

/// <summary>Creates the built-in connectors that are missing. Existing ones are left alone, edits included.</summary>
public sealed class BuiltinSeeder(ConnectorWriter connectors, IDbContextFactory<CocoDbContext> dbFactory)
{
    public async Task<int> SeedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = BuiltinConnectors.All.Select(doc => (string)doc["id"]!).ToList();
        var present = await db.Connectors.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        var created = 0;
        foreach (var doc in BuiltinConnectors.All.Where(doc => !present.Contains((string)doc["id"]!)))
        {
            var result = await connectors.CreateAsync(doc, builtin: true, Audit.AuditActor.System, ct);
            // Another instance seeding at the same moment is not an error.
            if (result.Succeeded)
            {
                created++;
            }
            else if (result.Errors is not [DuplicateConnectorId])
            {
                throw new InvalidOperationException($"Built-in connector {doc["id"]} is invalid: {result.Errors[0].Message}");
            }
        }

        return created;
    }
}
