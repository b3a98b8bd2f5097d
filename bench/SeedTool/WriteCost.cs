using System.Diagnostics;
using System.Text.Json.Nodes;
using Coco.Connectors.Changes;
using Coco.Connectors.Connectors;
using Coco.Connectors.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Bench;

/// <summary>
/// What the SQLite file guard (identity checks before and after each commit, and the explicit transaction it needs)
/// costs a write: ConnectorService updates through the registered store (guarded) against the same store built
/// without the guard (baseline), interleaved round by round; then the guard's checks alone on an open connection.
/// </summary>
internal static class WriteCost
{
    public static async Task RunAsync(IServiceProvider services, int iterations, int rounds)
    {
        var options = services.GetRequiredService<StorageOptions>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<CocoDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await StorageRegistration.MigrateAsync(db, options, CancellationToken.None);
        }

        var guarded = services.GetRequiredService<ConnectorService>();
        var baseline = new ConnectorService(
            new PlainFactory(new DbContextOptionsBuilder<CocoDbContext>()
                .UseSqlite(StorageRegistration.RuntimeConnectionString(options))
                .AddInterceptors(new SqliteConnectionSetup(options.BusyTimeout)).Options),
            services.GetRequiredService<IConnectorChangeFeed>(), services.GetRequiredService<ConnectorIds>(), TimeProvider.System, options);
        var id = (await guarded.CreateAsync(new JsonObject { ["name"] = "write cost" }, CancellationToken.None)).Connector!.Id;

        async Task<double> UpdatesAsync(ConnectorService service)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                var result = await service.UpdateAsync(id, new JsonObject { ["description"] = $"update {i}" }, replace: false, null, CancellationToken.None);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(result.Errors[0].Message);
                }
            }

            return watch.Elapsed.TotalMicroseconds / iterations;
        }

        await UpdatesAsync(guarded);
        await UpdatesAsync(baseline);
        var ratios = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            // Alternate which goes first so that neither always meets a freshly checkpointed WAL.
            double g, b;
            if (round % 2 == 0)
            {
                g = await UpdatesAsync(guarded);
                b = await UpdatesAsync(baseline);
            }
            else
            {
                b = await UpdatesAsync(baseline);
                g = await UpdatesAsync(guarded);
            }

            ratios.Add(g / b);
            Console.WriteLine($"round {round}: guarded {g,7:F1} µs/update  baseline {b,7:F1} µs/update  ratio {g / b:F3}");
        }

        ratios.Sort();
        Console.WriteLine($"median ratio guarded/baseline: {ratios[ratios.Count / 2]:F3}");

        var guard = services.GetRequiredService<SqliteFileGuard>();
        await using var context = await dbFactory.CreateDbContextAsync();
        await context.Database.OpenConnectionAsync();
        await context.Connectors.CountAsync(); // the connection has used the WAL, as a committing writer has
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        var checks = Stopwatch.StartNew();
        for (var i = 0; i < iterations * 10; i++)
        {
            guard.Verify(connection, justUsed: true);
        }

        Console.WriteLine($"one file check (HAS_MOVED + WAL files): {checks.Elapsed.TotalMicroseconds / (iterations * 10):F2} µs; two per write");
    }

    private sealed class PlainFactory(DbContextOptions<CocoDbContext> options) : IDbContextFactory<CocoDbContext>
    {
        public CocoDbContext CreateDbContext() => new(options);
    }
}
