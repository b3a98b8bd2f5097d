using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors;
using Coco.Connectors.Domain;
using Coco.Connectors.Secrets.AtRest;
using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// The cost of encrypting secrets at rest, against the same work without it, in the same run: two stores (SQLite files)
// built by the server's own registration, one with Secrets:Encryption keys and one without. Per round, interleaved:
// creates through ConnectorWriter (the one write path) and reads of every row through the DbContext (what every read
// path does first); then the codec alone against plain JSON text. Process CPU time, as the machine is shared.
// usage: dotnet run -c Release --project bench/SecretsAtRest [writes per round] [rounds]
var writes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var folder = Directory.CreateTempSubdirectory("coco-bench-atrest").FullName;

var document = JsonNode.Parse("""
    {"name": "GitHub issues", "category": "code", "url": "https://bot:pw-123@git.example.com/",
     "config": {"token": "ghp_abcdef0123456789", "owner": "infinilabs", "repos": ["coco-server", "coco-app", "docs"],
      "index_issues": true, "index_pull_requests": true, "base_url": "https://api.github.com", "page_size": 100,
      "max_tokens": 1000, "use_oauth": false, "http_client": {"timeout": 30, "proxy": "http://proxy.local:3128", "retries": 3},
      "client_id": "abc", "client_secret": "xyz", "token_url": "https://oauth2.googleapis.com/token",
      "database_url": "postgres://u:pw@db.example.com:5432/coco"}}
    """)!.AsObject();

try
{
    var off = await StoreAsync("off", encrypted: false);
    var on = await StoreAsync("on", encrypted: true);
    var results = new Dictionary<string, List<double>>();
    for (var round = 0; round < rounds; round++)
    {
        foreach (var (name, services) in new[] { ("off", off), ("on", on) })
        {
            Add($"write {name}", await CpuAsync(() => WriteAsync(services), writes, writes));
            Add($"read {name}", await CpuAsync(() => ReadAllAsync(services), 3, 3 * await CountAsync(services)));
        }

        Add("write ratio", results["write on"][^1] / results["write off"][^1]);
        Add("read ratio", results["read on"][^1] / results["read off"][^1]);
    }

    Console.WriteLine($"{writes} creates per round, {rounds} rounds; CPU µs per connector, medians (paired ratios: median of per-round ratios)");
    Console.WriteLine($"write (ConnectorWriter.CreateAsync): off {Median("write off"):F0}, on {Median("write on"):F0}, ratio {Median("write ratio"):F3}");
    Console.WriteLine($"read (every row, AsNoTracking):      off {Median("read off"):F1}, on {Median("read on"):F1}, ratio {Median("read ratio"):F3}");

    // The codec alone, on the config above: what the value converter adds to turning it into text and back.
    var codec = on.GetRequiredService<StoredSecrets>();
    var config = document["config"]!.AsObject();
    var text = codec.ProtectConfig(config);
    var plainText = config.ToJsonString(JsonSerializerOptions.Default);
    for (var round = 0; round < rounds; round++)
    {
        Add("to text", await CpuAsync(() => Task.FromResult<object?>(config.ToJsonString(JsonSerializerOptions.Default)), 20_000, 20_000));
        Add("protect", await CpuAsync(() => Task.FromResult<object?>(codec.ProtectConfig(config)), 20_000, 20_000));
        Add("parse", await CpuAsync(() => Task.FromResult<object?>(JsonNode.Parse(plainText)), 20_000, 20_000));
        Add("read config", await CpuAsync(() => Task.FromResult<object?>(codec.ReadConfig(text)), 20_000, 20_000));
    }

    Console.WriteLine($"codec, config of {plainText.Length} B with 5 secrets ({text.Length} B stored): ToJsonString {Median("to text"):F1} µs, "
        + $"ProtectConfig {Median("protect"):F1} µs; Parse {Median("parse"):F1} µs, ReadConfig {Median("read config"):F1} µs");
    return 0;

    void Add(string name, double value) => (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(value);

    double Median(string name)
    {
        var sorted = results[name].Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

async Task<IServiceProvider> StoreAsync(string name, bool encrypted)
{
    var settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, name + ".db")}" };
    if (encrypted)
    {
        settings["Secrets:Encryption:Keys:bench"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        settings["Secrets:Encryption:ActiveKey"] = "bench";
    }

    var services = new ServiceCollection().AddLogging()
        .AddConnectorDomain(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    await StorageRegistration.PrepareAsync(services, _ => Task.FromResult(0), default);
    await WriteAsync(services); // warm-up: JIT, model, connection pool
    await ReadAllAsync(services);
    return services;
}

async Task<object?> WriteAsync(IServiceProvider services)
{
    var result = await services.GetRequiredService<ConnectorWriter>().CreateAsync((JsonObject)document.DeepClone(), default);
    return result.Errors.Count == 0 ? result : throw new InvalidOperationException("create failed");
}

async Task<object?> ReadAllAsync(IServiceProvider services)
{
    await using var db = await services.GetRequiredService<IDbContextFactory<CocoDbContext>>().CreateDbContextAsync();
    return await db.Connectors.AsNoTracking().ToListAsync();
}

async Task<int> CountAsync(IServiceProvider services)
{
    await using var db = await services.GetRequiredService<IDbContextFactory<CocoDbContext>>().CreateDbContextAsync();
    return await db.Connectors.CountAsync();
}

// CPU µs per unit: `runs` calls of `work`, `units` units of work in all.
static async Task<double> CpuAsync(Func<Task<object?>> work, int runs, int units)
{
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var start = process.TotalProcessorTime;
    for (var i = 0; i < runs; i++)
    {
        GC.KeepAlive(await work());
    }

    process.Refresh();
    return (process.TotalProcessorTime - start).TotalMilliseconds * 1000 / units;
}
