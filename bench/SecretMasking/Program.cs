using System.Diagnostics;
using System.Text.Json.Nodes;
using Coco.Connectors.Secrets;

// Masking runs on every read of a config. Its baseline, measured in the same run, is what any read path must do
// anyway: a deep copy of the stored config. Process CPU time, not wall-clock, because the machine is shared.
var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 11;

var typical = JsonNode.Parse("""
    {"token": "ghp_abcdef0123456789", "owner": "infinilabs", "repos": ["coco-server", "coco-app", "docs"],
     "index_issues": true, "index_pull_requests": true, "base_url": "https://api.github.com", "page_size": 100,
     "max_tokens": 1000, "use_oauth": false, "http_client": {"timeout": 30, "proxy": "http://proxy.local:3128", "retries": 3},
     "client_id": "abc", "client_secret": "xyz", "token_url": "https://oauth2.googleapis.com/token",
     "database_url": "postgres://u:pw@db.example.com:5432/coco"}
    """)!.AsObject();
var large = new JsonObject();
for (var i = 0; i < 2000; i++)
{
    large[$"field_{i}"] = new JsonObject { ["name"] = $"mapping {i}", ["enabled"] = i % 2 == 0, ["api_key"] = $"k{i}", ["url"] = $"https://h{i}.example.com/x" };
}

Measure("typical config (14 keys, 0.5 KB)", typical, 20_000);
Measure($"large config (10,000 keys, {large.ToJsonString().Length / 1024} KB)", large, 20);

void Measure(string name, JsonObject config, int iterations)
{
    var baseline = new List<double>();
    var masking = new List<double>();
    var ratios = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        var copy = Cpu(() => config.DeepClone(), iterations);
        var masked = Cpu(() => SecretPolicy.MaskConfig(config), iterations);
        baseline.Add(copy);
        masking.Add(masked);
        ratios.Add(masked / copy);
    }

    Console.WriteLine($"{name}: deep copy {Median(baseline):F1} µs, MaskConfig {Median(masking):F1} µs (CPU per config, medians of {rounds} rounds); paired ratio {Median(ratios):F2}");
}

static double Cpu(Func<object?> work, int iterations)
{
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var start = process.TotalProcessorTime;
    for (var i = 0; i < iterations; i++)
    {
        GC.KeepAlive(work());
    }

    process.Refresh();
    return (process.TotalProcessorTime - start).TotalMilliseconds * 1000 / iterations;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
