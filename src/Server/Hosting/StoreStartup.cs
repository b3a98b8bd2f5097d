using Coco.Connectors.Secrets.AtRest;
using Coco.Connectors.Seeding;
using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Server.Hosting;

/// <summary>Before the server takes requests: migrate the store, seed missing built-ins, say where we are.</summary>
public static class StoreStartup
{
    public static async Task PrepareStoreAsync(this WebApplication app, CancellationToken ct = default)
    {
        var options = app.Services.GetRequiredService<StorageOptions>();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<CocoDbContext>>();
        var seeder = app.Services.GetRequiredService<BuiltinSeeder>();
        var secretKeys = app.Services.GetRequiredService<StoredSecretKeys>();
        var seeded = await StorageRegistration.PrepareAsync(app.Services, async ct =>
        {
            // No connector is read before every key its secrets need is known to be configured.
            await secretKeys.RequireConfiguredKeysAsync(ct);
            return await seeder.SeedAsync(ct);
        }, ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var count = await db.Connectors.CountAsync(ct);
            app.Logger.LogInformation("Store: {Store}; {Count} connectors ({Seeded} built-ins seeded now)",
                StorageRegistration.Describe(options), count, seeded);
        }

        if (secretKeys.ConfiguredKeyIds.Count > 0)
        {
            app.Logger.LogInformation("Secrets at rest: {Mode} (keys configured: {Keys})",
                secretKeys.ActiveKeyId is { } active ? $"encrypted with key '{active}'" : "decrypt only, new writes in plain text",
                string.Join(", ", secretKeys.ConfiguredKeyIds.Order(StringComparer.Ordinal)));
        }

        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("Coco Connectors listening on {Urls}; GraphQL at /graphql, REST at /connector/",
                string.Join(", ", app.Urls)));
    }
}
