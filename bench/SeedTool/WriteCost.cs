using System.Diagnostics;
using System.Text.Json.Nodes;
using Coco.Connectors.Changes;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Bench;

/// <summary>
/// What the SQLite file guard (identity checks before and after each commit, and the explicit transaction it needs)
/// costs a write: ConnectorWriter updates through the store with the guard (as the server registers it), without it
/// (baseline) and with only its explicit transaction, interleaved round by round; then the guard's checks alone.
/// </summary>
internal static class WriteCost
{
    public static async Task RunAsync(IServiceProvider services, int iterations, int rounds)
    {
        var options = services.GetRequiredService<StorageOptions>();
        await StorageRegistration.PrepareAsync(services, _ => Task.FromResult(0), CancellationToken.None);

        var guard = services.GetRequiredService<SqliteFileGuard>();
        ConnectorWriter Built(params IInterceptor[] extra) => new(
            new PlainFactory(new DbContextOptionsBuilder<CocoDbContext>()
                .UseSqlite(StorageRegistration.RuntimeConnectionString(options))
                .AddInterceptors([new SqliteConnectionSetup(options.BusyTimeout), .. extra]).Options),
            services.GetRequiredService<IConnectorChangeFeed>(), services.GetRequiredService<ConnectorIds>(), TimeProvider.System, options,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ConnectorWriter>.Instance);
        // All three built the same way (no DI logging); they differ only in the interceptors the server adds.
        var baseline = Built();
        var transactionOnly = Built(new AlwaysTransact());
        var guarded = Built(guard);
        var id = (await guarded.CreateAsync(new JsonObject { ["name"] = "write cost" }, CancellationToken.None)).Connector!.Id;

        // Microseconds per update: process CPU time (steadier on a shared machine) and wall time.
        async Task<(double Cpu, double Wall)> UpdatesAsync(ConnectorWriter service)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                var result = await service.UpdateAsync(id, new JsonObject { ["description"] = $"update {i}" }, replace: false, null, CancellationToken.None);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(result.Errors[0].Message);
                }
            }

            return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / iterations, watch.Elapsed.TotalMicroseconds / iterations);
        }

        ConnectorWriter[] variants = [baseline, transactionOnly, guarded];
        string[] names = ["baseline", "transaction only", "guarded"];
        foreach (var variant in variants)
        {
            await UpdatesAsync(variant);
        }

        var cpuRatios = new List<double>[] { [], [], [] };
        var wallRatios = new List<double>[] { [], [], [] };
        for (var round = 1; round <= rounds; round++)
        {
            // Rotate the order so that no variant always meets a freshly checkpointed WAL.
            var measured = new (double Cpu, double Wall)[variants.Length];
            for (var k = 0; k < variants.Length; k++)
            {
                var v = (k + round) % variants.Length;
                measured[v] = await UpdatesAsync(variants[v]);
            }

            for (var v = 0; v < variants.Length; v++)
            {
                cpuRatios[v].Add(measured[v].Cpu / measured[0].Cpu);
                wallRatios[v].Add(measured[v].Wall / measured[0].Wall);
            }

            Console.WriteLine($"round {round}: " + string.Join("  ", names.Select((n, v) => $"{n} cpu {measured[v].Cpu:F0} wall {measured[v].Wall:F0} µs")));
        }

        for (var v = 1; v < variants.Length; v++)
        {
            cpuRatios[v].Sort();
            wallRatios[v].Sort();
            Console.WriteLine($"{names[v]} / baseline, median of per-round ratios: CPU {cpuRatios[v][rounds / 2]:F3}, wall {wallRatios[v][rounds / 2]:F3}");
        }

        await using var context = await services.GetRequiredService<IDbContextFactory<CocoDbContext>>().CreateDbContextAsync();
        await context.Database.OpenConnectionAsync();
        await context.Connectors.CountAsync(); // the connection has used the WAL, as a committing writer has
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        var checks = iterations * 10;
        var checkCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var checkWatch = Stopwatch.StartNew();
        for (var i = 0; i < checks; i++)
        {
            guard.Verify(connection, justUsed: true);
        }

        Console.WriteLine($"one file check (HAS_MOVED + WAL files), two per write: cpu {(Process.GetCurrentProcess().TotalProcessorTime - checkCpu).TotalMicroseconds / checks:F2} µs, " +
            $"wall {checkWatch.Elapsed.TotalMicroseconds / checks:F2} µs");
    }

    /// <summary>The explicit transaction alone, as the guard forces it, to tell its cost from the checks'.</summary>
    private sealed class AlwaysTransact : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            eventData.Context!.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
            return ValueTask.FromResult(result);
        }
    }

    private sealed class PlainFactory(DbContextOptions<CocoDbContext> options) : IDbContextFactory<CocoDbContext>
    {
        public CocoDbContext CreateDbContext() => new(options);
    }
}
