using System.Diagnostics;
using System.Text.Json.Nodes;
using Coco.Connectors;
using Coco.Connectors.Bench;
using Coco.Connectors.Domain;
using Coco.Connectors.GraphQLApi;
using Coco.Connectors.Storage;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// seed <db> <count>      bulk-inserts <count> generated connectors (migrating the store first)
// inprocess <db> [n]     runs the benchmark GraphQL documents in process (no HTTP) and prints latency percentiles
// writecost <db> [n] [r]  times ConnectorWriter updates with and without the SQLite file guard, in r interleaved rounds
// <db> is a SQLite file, or with BENCH_PROVIDER=postgres an Npgsql connection string (seed and inprocess only).
if (args.Length < 2 || args[0] is not ("seed" or "inprocess" or "writecost"))
{
    Console.Error.WriteLine("usage: [BENCH_PROVIDER=sqlite|postgres] seed <db> <count> | inprocess <db> [iterations] | writecost <db> [iterations] [rounds]");
    return 2;
}

var provider = Environment.GetEnvironmentVariable("BENCH_PROVIDER") is { Length: > 0 } p ? p : "sqlite";
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:Provider"] = provider,
    ["Storage:ConnectionString"] = provider == "postgres" ? args[1] : $"Data Source={args[1]}",
}).Build();
var services = new ServiceCollection().AddLogging().AddConnectorDomain(configuration).AddConnectorGraphQL().BuildServiceProvider();

if (args[0] == "seed" && provider == "postgres")
{
    await PostgresBulkSeeder.SeedAsync(services, int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
}
else if (args[0] == "seed")
{
    await Seeder.SeedAsync(services, int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
}
else if (args[0] == "writecost")
{
    await WriteCost.RunAsync(services, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5);
}
else
{
    await InProcess.RunAsync(services, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
}

return 0;

/// <summary>
/// Writes generated connectors straight through the DbContext in large transactions, because 100,000 single commits
/// through ConnectorWriter would take minutes (PostgreSQL seeds through <see cref="PostgresBulkSeeder"/> instead). Each row is still built by the write path's own
/// ConnectorFields.Read + ApplyTo (same validation, same SearchText); only the per-write change events are skipped.
/// </summary>
internal static class Seeder
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Words =
        ["git", "GitHub", "GitLab", "drive", "cloud", "mail", "docs", "sql", "wiki", "jira", "slack", "notion", "box", "s3", "sync", "search", "crawler", "feed", "rss", "web"];

    private static readonly string[] Categories = ["website", "cloud_storage", "database", "code", "chat", "wiki", "email"];

    public static async Task SeedAsync(IServiceProvider services, int count)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<CocoDbContext>>();
        await StorageRegistration.PrepareAsync(services, _ => Task.FromResult(0), CancellationToken.None);

        var ids = services.GetRequiredService<ConnectorIds>();
        var random = new Random(20251127);
        var start = Start;
        var watch = Stopwatch.StartNew();
        const int batch = 5000;
        for (var done = 0; done < count; done += batch)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                db.Connectors.Add(Generate(random, ids.NewId(), start.AddSeconds(i), i));
            }

            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Console.WriteLine($"seeded {count} connectors in {watch.Elapsed.TotalSeconds:F1}s");
    }

    public static Connector Generate(Random random, string id, DateTime created, int i)
    {
        string Word() => Words[random.Next(Words.Length)];
        var doc = new JsonObject
        {
            ["name"] = $"{Word()} {Word()} {i:D6}",
            ["description"] = random.Next(10) == 0 ? null : $"Connects Coco to {Word()} and {Word()}",
            ["category"] = random.Next(8) == 0 ? null : Categories[random.Next(Categories.Length)],
            ["tags"] = new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => JsonValue.Create(Word()))]),
            ["enabled"] = random.Next(5) != 0,
            ["processor"] = new JsonObject { ["enabled"] = random.Next(2) == 0, ["name"] = Word() },
            ["config"] = new JsonObject { ["token"] = "bench-secret" },
        };
        var errors = new List<ConnectorError>();
        var fields = ConnectorFields.Read(doc, errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(errors[0].Message);
        }

        var connector = new Connector { Id = id, Created = created, Updated = created, Version = 1 };
        fields.ApplyTo(connector);
        return connector;
    }
}

/// <summary>The GraphQL half without HTTP: the benchmark query, and keyset page 1 vs page 500.</summary>
internal static class InProcess
{
    public const string BenchQuery =
        """{ connectors(first: 20, query: "git", where: {enabled: {eq: true}}, order: [{name: ASC}]) { totalCount nodes { id name category } } }""";

    public static async Task RunAsync(IServiceProvider services, int iterations)
    {
        var executer = services.GetRequiredService<IDocumentExecuter<ISchema>>();
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();

        async Task<string> Run(string query)
        {
            await using var scope = services.CreateAsyncScope();
            var result = await executer.ExecuteAsync(new ExecutionOptions { Query = query, RequestServices = scope.ServiceProvider });
            var text = serializer.Serialize(result);
            return result.Errors is { Count: > 0 } ? throw new InvalidOperationException(text) : text;
        }

        var cursor = "";
        for (var page = 1; page < 500; page++)
        {
            var text = await Run(WalkQuery(cursor));
            cursor = JsonNode.Parse(text)!["data"]!["connectors"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        foreach (var (name, query) in new[] { ("bench query", BenchQuery), ("page 1", WalkQuery("")), ("page 500", WalkQuery(cursor)) })
        {
            for (var i = 0; i < 20; i++)
            {
                await Run(query);
            }

            var times = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                var watch = Stopwatch.StartNew();
                await Run(query);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"{name,-12} p50 {times[times.Count / 2],7:F2} ms  p90 {times[times.Count * 9 / 10],7:F2} ms  p99 {times[times.Count * 99 / 100],7:F2} ms");
        }
    }

    public static string WalkQuery(string after) =>
        "{ connectors(first: 20" + (after.Length == 0 ? "" : $", after: \"{after}\"") + ", order: [{name: ASC}]) { nodes { id name category } pageInfo { endCursor } } }";
}
