// Fan-out benchmark for GraphQL subscriptions (see bench/README.md); with --slow, the slow-subscriber memory benchmark.
// Starts the server as its own process on a fresh SQLite file, opens N graphql-transport-ws sockets that each
// subscribe to one connector's updates, makes one REST write, and measures how long until every subscriber has the
// event. Then: single-subscriber latency (write → event) and server memory per idle subscription.
// With FANOUT_PG=<Npgsql connection string> the servers run on that PostgreSQL database instead, and a second instance
// on the same database measures cross-instance latency (write on one instance → event on the other).
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

if (args is ["--slow", .. var slowArgs])
{
    // The memory benchmark: subscribers that never read while a large connector is written (bench/slow-subscribers.sh).
    await SlowSubscribers.RunAsync(slowArgs);
    return;
}

if (args is ["--bare", var barePort])
{
    // Child process mode: only the bare broadcast server, so its sockets do not share this process with the clients.
    await using var bare = await BroadcastBaseline.StartAsync(int.Parse(barePort, CultureInfo.InvariantCulture));
    await Task.Delay(Timeout.Infinite);
    return;
}

var serverDll = args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: FanOut <server.dll> [counts=1000,5000,10000] [latencySamples=500]");
var counts = (args.ElementAtOrDefault(1) ?? "1000,5000,10000").Split(',').Select(int.Parse).ToArray();
var samples = int.Parse(args.ElementAtOrDefault(2) ?? "500", CultureInfo.InvariantCulture);

var port = 19000 + Random.Shared.Next(1000);
var folder = Directory.CreateTempSubdirectory("coco-fanout-");
using var server = ServerProcess.Start(serverDll, port, folder.FullName, serverGc: true);
var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
await ServerProcess.WaitHealthyAsync(http);
var ws = new Uri($"ws://127.0.0.1:{port}/graphql");

await ServerProcess.SendJsonAsync(http, "connector/", """{"id":"fanout","name":"fan-out target"}""");

// Warm-up: the first delivery pays for JIT compilation of the whole path.
var warm = await RawFanOut.SubscribeAsync([port], 10, RawFanOut.Query);
await RawFanOut.AttachAsync(warm, name => ServerProcess.SendJsonAsync(http, "connector/fanout", $$"""{"name":"{{name}}"}""", HttpMethod.Put));
RawFanOut.Close(warm);

var rounds = int.Parse(Environment.GetEnvironmentVariable("FANOUT_ROUNDS") ?? "5", CultureInfo.InvariantCulture);
// The first fan-outs to thousands of subscribers run code the JIT has not optimised yet (tiered compilation): these
// writes are made and not counted.
var warmups = int.Parse(Environment.GetEnvironmentVariable("FANOUT_WARMUP") ?? "3", CultureInfo.InvariantCulture);
Console.WriteLine($"server pid {server.Id}, {Environment.ProcessorCount} cores, {rounds} writes per size (medians) after {warmups} not counted, client: raw sockets (RawSubscriber)");
Console.WriteLine();
Console.WriteLine("Baseline, measured in the same run: a bare Kestrel WebSocket server (no GraphQL, no store) that sends one");
Console.WriteLine("ready-made frame of the same size to every socket when poked over HTTP. CPU: the server process's user+system time");
Console.WriteLine("from the write (or poke) until every subscriber has the event.");
Console.WriteLine();
Console.WriteLine("| subscribers | connect+subscribe (s) | write → all delivered (ms) | server CPU (ms) | delivered | bare broadcast (ms) | bare CPU (ms) | ratio (time) | ratio (CPU) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
var bareStart = new ProcessStartInfo("dotnet", [typeof(BroadcastBaseline).Assembly.Location, "--bare", $"{port + 2}"]);
bareStart.Environment.Remove(ServerProcess.InlineCompletions);
using var bareProcess = Process.Start(bareStart)!;
var bareServer = new BroadcastBaseline(port + 2);
await ServerProcess.WaitHealthyAsync(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port + 2}/") });
foreach (var n in counts)
{
    var connect = Stopwatch.StartNew();
    var clients = await RawFanOut.SubscribeAsync([port], n, RawFanOut.Query);
    connect.Stop();
    await RawFanOut.AttachAsync(clients, name => ServerProcess.SendJsonAsync(http, "connector/fanout", $$"""{"name":"{{name}}"}""", HttpMethod.Put));
    Console.Error.WriteLine($"subscribed {n:N0} to server pid {server.Id}"); // a moment to attach a profiler

    var measured = new List<RawFanOut.Sample>();
    for (var round = 0; round < warmups + rounds; round++)
    {
        var name = $"fan {n} {round}";
        var sample = await RawFanOut.MeasureAsync(clients, name, [server],
            () => ServerProcess.SendJsonAsync(http, "connector/fanout", $$"""{"name":"{{name}}"}""", HttpMethod.Put));
        if (round >= warmups)
        {
            measured.Add(sample);
        }
    }

    RawFanOut.Close(clients);
    var bare = (await bareServer.MeasureAsync(n, warmups + rounds, bareProcess)).Skip(warmups).ToList();
    var (time, cpu, delivered) = RawFanOut.Median(measured);
    var (bareTime, bareCpu, _) = RawFanOut.Median(bare);
    Console.WriteLine($"| {n:N0} | {connect.Elapsed.TotalSeconds:F1} | {time:F0} | {cpu:F0} | {delivered:N0} | " +
        $"{bareTime:F0} | {bareCpu:F0} | {time / bareTime:F2} | {cpu / Math.Max(bareCpu, 1):F2} |");
}

// Single subscriber: write → event latency, on the same instance, then (PostgreSQL) from one instance to another.
var pg = Environment.GetEnvironmentVariable("FANOUT_PG");
await MeasureLatencyAsync("single subscriber, write → event", ws);
if (!string.IsNullOrEmpty(pg))
{
    var otherPort = port + 3;
    using var other = ServerProcess.Start(serverDll, otherPort, folder.FullName, serverGc: true);
    await ServerProcess.WaitHealthyAsync(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{otherPort}/") });
    var otherWs = new Uri($"ws://127.0.0.1:{otherPort}/graphql");
    await MeasureLatencyAsync("cross-instance (write on A, subscriber on B), write → event", otherWs);

    // One write on A to subscribers spread evenly over A and B (as behind a load balancer): until all have it,
    // against the same number on A alone (the table above) in this run.
    Console.WriteLine();
    Console.WriteLine("| subscribers over A + B | write on A → all delivered (ms) | CPU of A + B (ms) | delivered |");
    Console.WriteLine("|---:|---:|---:|---:|");
    foreach (var n in counts)
    {
        var clients = await RawFanOut.SubscribeAsync([port, otherPort], n, RawFanOut.Query);
        await RawFanOut.AttachAsync(clients, name => ServerProcess.SendJsonAsync(http, "connector/fanout", $$"""{"name":"{{name}}"}""", HttpMethod.Put));
        var measured = new List<RawFanOut.Sample>();
        for (var round = 0; round < warmups + rounds; round++)
        {
            var name = $"spread {n} {round}";
            var sample = await RawFanOut.MeasureAsync(clients, name, [server, other],
                () => ServerProcess.SendJsonAsync(http, "connector/fanout", $$"""{"name":"{{name}}"}""", HttpMethod.Put));
            if (round >= warmups)
            {
                measured.Add(sample);
            }
        }

        RawFanOut.Close(clients);
        var (time, cpu, delivered) = RawFanOut.Median(measured);
        Console.WriteLine($"| {n:N0} | {time:F0} | {cpu:F0} | {delivered:N0} |");
    }

    other.Kill();
}

async Task MeasureLatencyAsync(string label, Uri subscriberServer)
{
    var one = (await OpenAsync(subscriberServer, 1, "subscription { onConnectorUpdated(id: \"fanout\") { id version description } }"))[0];
    // A server that has not delivered yet (e.g. a fresh second instance) may take longer than a moment to attach its
    // first subscription: write until the subscriber has an event, then measure.
    var first = one.NextAsync();
    for (var attempt = 0; await Task.WhenAny(first, Task.Delay(attempt == 0 ? 500 : 3000)) != first; attempt++)
    {
        await ServerProcess.SendJsonAsync(http, "connector/fanout", $$"""{"description":"attach {{attempt}}"}""", HttpMethod.Put);
    }

    // Then past every event those writes caused, so that each measured write waits for its own.
    await ServerProcess.SendJsonAsync(http, "connector/fanout", """{"description":"attached"}""", HttpMethod.Put);
    for (var e = await first; (string?)e?["payload"]?["data"]?["onConnectorUpdated"]?["description"] != "attached"; e = await one.NextAsync())
    {
    }

    var latencies = new List<double>();
    for (var i = 0; i < samples + 50; i++)
    {
        var wait = one.NextAsync();
        var started = Stopwatch.GetTimestamp();
        await ServerProcess.SendJsonAsync(http, "connector/fanout", $$"""{"description":"{{i}}"}""", HttpMethod.Put);
        await wait;
        if (i >= 50)
        {
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    await one.DisposeAsync();
    latencies.Sort();
    double Percentile(double p) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(p * latencies.Count) - 1)];
    Console.WriteLine();
    Console.WriteLine($"{label} over {samples} writes (REST PUT round trip included): p50 {Percentile(0.50):F2} ms, p95 {Percentile(0.95):F2} ms, p99 {Percentile(0.99):F2} ms");
}

// FANOUT_MEMORY=0 skips the memory measurements (they take minutes at 10,000 sockets).
if (Environment.GetEnvironmentVariable("FANOUT_MEMORY") != "0")
{
    // Memory per idle subscription, on a second server (workstation GC) so the fan-out runs above leave nothing behind.
    var idle = counts.Max();
    var memoryPort = port + 1;
    using var memoryServer = ServerProcess.Start(serverDll, memoryPort, folder.FullName, serverGc: false);
    var memoryHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{memoryPort}/") };
    await ServerProcess.WaitHealthyAsync(memoryHttp);
    var memoryWs = new Uri($"ws://127.0.0.1:{memoryPort}/graphql");
    var primer = await OpenAsync(memoryWs, 100, "subscription { onConnectorUpdated(id: \"fanout\") { id } }");
    await Task.WhenAll(primer.Select(c => c.DisposeAsync().AsTask()));
    var before = await ServerProcess.SettledMemoryAsync(memoryServer);
    var idlers = await OpenAsync(memoryWs, idle, "subscription { onConnectorUpdated(id: \"fanout\") { id } }");
    var after = await ServerProcess.SettledMemoryAsync(memoryServer);
    if (int.TryParse(Environment.GetEnvironmentVariable("FANOUT_HOLD_SECONDS"), out var hold))
    {
        // For profiling: keep the idle subscriptions open (e.g. dotnet-gcdump collect -p <pid>).
        Console.WriteLine($"holding {hold} s; memory server pid {memoryServer.Id}");
        await Task.Delay(TimeSpan.FromSeconds(hold));
    }
    Console.WriteLine($"idle subscriptions, one socket each: {idle:N0}; live heap {before / 1048576.0:F0} MiB → {after / 1048576.0:F0} MiB; " +
        $"{(after - before) / (double)idle / 1024:F1} KiB per idle subscription (WebSocket + subscription)");
    await Task.WhenAll(idlers.Select(c => c.DisposeAsync().AsTask()));

    // The same number of idle subscriptions multiplexed over 100 sockets: the cost of a subscription itself.
    const int sharedSockets = 100;
    var baseline = await ServerProcess.SettledMemoryAsync(memoryServer);
    var shared = await OpenAsync(memoryWs, sharedSockets, "subscription { onConnectorUpdated(id: \"fanout\") { id } }");
    await Task.WhenAll(shared.Select(c => c.SubscribeMoreAsync(idle / sharedSockets - 1, "subscription { onConnectorUpdated(id: \"fanout\") { id } }")));
    var sharedAfter = await ServerProcess.SettledMemoryAsync(memoryServer);
    Console.WriteLine($"idle subscriptions over {sharedSockets} sockets: {idle:N0}; live heap {baseline / 1048576.0:F0} MiB → {sharedAfter / 1048576.0:F0} MiB; " +
        $"{(sharedAfter - baseline) / (double)idle / 1024:F1} KiB per idle subscription");
    await Task.WhenAll(shared.Select(c => c.DisposeAsync().AsTask()));
    memoryServer.Kill(entireProcessTree: true);

    // The yardstick for memory: the bare Kestrel server holding the same number of idle WebSockets.
    await bareServer.WaitForOpenSocketsAsync(0);
    var bareBefore = await ServerProcess.SettledMemoryAsync(bareProcess);
    var bareSockets = await bareServer.OpenIdleAsync(idle);
    var bareAfter = await ServerProcess.SettledMemoryAsync(bareProcess);
    Console.WriteLine($"bare Kestrel WebSockets, idle: {idle:N0}; live heap {bareBefore / 1048576.0:F0} MiB → {bareAfter / 1048576.0:F0} MiB; " +
        $"{(bareAfter - bareBefore) / (double)idle / 1024:F1} KiB per idle socket");
    foreach (var socket in bareSockets)
    {
        socket.Abort();
        socket.Dispose();
    }
}

server.Kill(entireProcessTree: true);
bareProcess.Kill(entireProcessTree: true);
folder.Delete(recursive: true);
return;

static async Task<Subscriber[]> OpenAsync(Uri uri, int n, string query)
{
    var subscribers = new Subscriber[n];
    using var gate = new SemaphoreSlim(64);
    await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
    {
        await gate.WaitAsync();
        try
        {
            subscribers[i] = await Subscriber.ConnectAsync(uri, query);
        }
        finally
        {
            gate.Release();
        }
    }));
    return subscribers;
}

/// <summary>A minimal graphql-transport-ws client: init, one subscription, read `next` messages.</summary>
sealed class Subscriber : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[8192];

    public static async Task<Subscriber> ConnectAsync(Uri uri, string query)
    {
        var s = new Subscriber();
        s._socket.Options.AddSubProtocol("graphql-transport-ws");
        await s._socket.ConnectAsync(uri, CancellationToken.None);
        await s.SendAsync(new JsonObject { ["type"] = "connection_init" });
        var ack = await s.ReceiveAsync();
        if ((string?)ack?["type"] != "connection_ack")
        {
            throw new InvalidOperationException("no ack: " + ack);
        }

        await s.SendAsync(new JsonObject { ["id"] = "1", ["type"] = "subscribe", ["payload"] = new JsonObject { ["query"] = query } });
        return s;
    }

    /// <summary>More subscriptions on this socket (ids 2, 3, …); waits until the server has taken them all.</summary>
    public async Task SubscribeMoreAsync(int count, string query)
    {
        for (var i = 0; i < count; i++)
        {
            await SendAsync(new JsonObject { ["id"] = $"{i + 2}", ["type"] = "subscribe", ["payload"] = new JsonObject { ["query"] = query } });
        }

        // A ping answered means every subscribe before it was read.
        await SendAsync(new JsonObject { ["type"] = "ping" });
        while ((string?)(await ReceiveAsync())?["type"] != "pong")
        {
        }
    }

    /// <summary>The next `next` message (pings are answered and skipped).</summary>
    public async Task<JsonObject?> NextAsync()
    {
        while (true)
        {
            var message = await ReceiveAsync();
            switch ((string?)message?["type"])
            {
                case "next" or "error" or "complete" or null:
                    return message;
                case "ping":
                    await SendAsync(new JsonObject { ["type"] = "pong" });
                    break;
            }
        }
    }

    private Task SendAsync(JsonObject message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<JsonObject?> ReceiveAsync()
    {
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(_buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            text.Write(_buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(text.ToArray())?.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        _socket.Dispose();
    }
}

/// <summary>
/// The yardstick for fan-out: the same number of sockets on a bare Kestrel server, one pre-serialized frame sent to
/// each of them. What GraphQL adds on top (execution per subscriber, masking, serialization) is the ratio.
/// </summary>
sealed class BroadcastBaseline(int port) : IAsyncDisposable
{
    private readonly List<WebSocket> _sockets = [];
    private readonly Lock _gate = new();
    private WebApplication? _app;

    public static async Task<BroadcastBaseline> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var baseline = new BroadcastBaseline(port) { _app = app };
        app.UseWebSockets();
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/count", () =>
        {
            lock (baseline._gate)
            {
                baseline._sockets.RemoveAll(s => s.State != WebSocketState.Open);
                return baseline._sockets.Count;
            }
        });
        app.Map("/ws", async (HttpContext context) =>
        {
            var socket = await context.WebSockets.AcceptWebSocketAsync();
            lock (baseline._gate)
            {
                baseline._sockets.Add(socket);
            }

            var buffer = new byte[64];
            while (socket.State == WebSocketState.Open)
            {
                var read = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        });
        app.MapPost("/broadcast", async (HttpContext context) =>
        {
            var frame = Encoding.UTF8.GetBytes(await new StreamReader(context.Request.Body).ReadToEndAsync());
            WebSocket[] sockets;
            lock (baseline._gate)
            {
                sockets = [.. baseline._sockets];
            }

            await Task.WhenAll(sockets.Select(s => s.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None)));
        });
        await app.StartAsync();
        return baseline;
    }

    /// <summary>
    /// <paramref name="rounds"/> broadcasts to <paramref name="n"/> raw sockets, each of a frame shaped like the
    /// subscription's event: time from the HTTP poke until all have it, and <paramref name="process"/>'s CPU meanwhile.
    /// </summary>
    public async Task<List<RawFanOut.Sample>> MeasureAsync(int n, int rounds, Process process)
    {
        var sockets = await RawFanOut.SubscribeBareAsync(port, n);
        await WaitForOpenSocketsAsync(n);
        using var http = new HttpClient();
        var samples = new List<RawFanOut.Sample>();
        for (var round = 0; round < rounds; round++)
        {
            var name = $"bare {n} {round}";
            var frame = """{"id":"1","type":"next","payload":{"data":{"onConnectorUpdated":{"id":"fanout","version":""" + (round + 10) + ""","name":""" + "\"" + name + "\"}}}}";
            samples.Add(await RawFanOut.MeasureAsync(sockets, name, [process],
                async () => (await http.PostAsync(new Uri($"http://127.0.0.1:{port}/broadcast"), new StringContent(frame))).EnsureSuccessStatusCode()));
        }

        RawFanOut.Close(sockets);
        await WaitForOpenSocketsAsync(0);
        return samples;
    }

    /// <summary><paramref name="n"/> connected sockets, once the server has accepted them all.</summary>
    public async Task<ClientWebSocket[]> OpenIdleAsync(int n)
    {
        var sockets = new ClientWebSocket[n];
        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                sockets[i] = new ClientWebSocket();
                await sockets[i].ConnectAsync(new Uri($"ws://127.0.0.1:{port}/ws"), CancellationToken.None);
            }
            finally
            {
                gate.Release();
            }
        }));
        await WaitForOpenSocketsAsync(n);
        return sockets;
    }

    /// <summary>Waits until the server holds exactly <paramref name="n"/> open sockets.</summary>
    public async Task WaitForOpenSocketsAsync(int n)
    {
        using var http = new HttpClient();
        while (int.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/count")), CultureInfo.InvariantCulture) != n)
        {
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
