using System.Diagnostics;
using System.Globalization;
using System.Text;

/// <summary>The server under test as a child process, and the small HTTP helpers every benchmark here needs.</summary>
static class ServerProcess
{
    /// <summary>Set for the benchmark's own process (its receives continue on the socket engine's thread), never for a server.</summary>
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Starts the Release server on 127.0.0.1:<paramref name="port"/> over a fresh SQLite file in <paramref name="folder"/>
    /// (or the PostgreSQL database in <c>FANOUT_PG</c>).
    /// Every client of a benchmark comes from 127.0.0.1, so the per-client caps are lifted to the server-wide ones.
    /// </summary>
    public static Process Start(string dll, int port, string folder, bool serverGc)
    {
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.Environment.Remove(InlineCompletions);
        if (Environment.GetEnvironmentVariable("FANOUT_PERF_MAP") == "1")
        {
            start.Environment["DOTNET_PerfMapEnabled"] = "1"; // for `perf record -p <server pid>`
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }
        if (Environment.GetEnvironmentVariable("FANOUT_PG") is { Length: > 0 } postgres)
        {
            start.Environment["Storage__Provider"] = "postgres";
            start.Environment["Storage__ConnectionString"] = postgres;
        }
        else
        {
            start.Environment["Storage__ConnectionString"] = $"Data Source={Path.Combine(folder, $"coco-{port}.db")}";
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimits__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        start.Environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        start.Environment["DOTNET_gcConcurrent"] = serverGc ? "1" : "0";
        foreach (var (cap, value) in new[] { ("MaxWebSockets", 100_000), ("MaxSseStreams", 100_000), ("MaxSubscriptions", 1_000_000) })
        {
            start.Environment[$"GraphQL__Streaming__{cap}"] = $"{value}";
            start.Environment[$"GraphQL__Streaming__{cap}PerClient"] = $"{value}";
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitHealthyAsync(HttpClient http)
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri("healthz", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException("server did not start");
    }

    public static async Task SendJsonAsync(HttpClient http, string path, string body, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>User + system CPU time of a process so far, in ms (Linux <c>/proc/&lt;pid&gt;/stat</c>, 10 ms ticks).</summary>
    public static double CpuMilliseconds(Process process)
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat(5) (utime, stime), counted here from field 3 (state).
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    /// <summary>Resident and peak resident memory of a process, in bytes (Linux <c>/proc/&lt;pid&gt;/status</c>).</summary>
    public static (long Rss, long Peak) Memory(Process process)
    {
        long Read(string[] lines, string key) =>
            long.Parse(lines.First(l => l.StartsWith(key, StringComparison.Ordinal))[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        var lines = File.ReadAllLines($"/proc/{process.Id}/status");
        return (Read(lines, "VmRSS:"), Read(lines, "VmHWM:"));
    }

    /// <summary>
    /// The live managed heap after a full collection, read with dotnet-gcdump (which forces the collection); the
    /// working set instead when the tool is missing (much noisier: it counts garbage and GC reservations).
    /// </summary>
    public static async Task<long> SettledMemoryAsync(Process server)
    {
        await Task.Delay(2000);
        return await LiveHeapAsync(server) ?? WorkingSet(server);
    }

    /// <summary>The live managed heap after a full collection, or null without dotnet-gcdump.</summary>
    public static async Task<long?> LiveHeapAsync(Process server)
    {
        var tool = Environment.GetEnvironmentVariable("GCDUMP") ??
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        if (!File.Exists(tool))
        {
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"bench-{server.Id}.gcdump");
        await RunToolAsync(tool, $"collect -p {server.Id} -o {file}");
        var report = await RunToolAsync(tool, $"report {file}");
        File.Delete(file);
        var line = report.Split('\n').FirstOrDefault(l => l.Contains("GC Heap bytes", StringComparison.Ordinal));
        return line is not null && long.TryParse(line.Trim().Split(' ')[0].Replace(",", "", StringComparison.Ordinal), out var bytes) ? bytes : null;
    }

    private static long WorkingSet(Process server)
    {
        server.Refresh();
        return server.WorkingSet64;
    }

    private static async Task<string> RunToolAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
