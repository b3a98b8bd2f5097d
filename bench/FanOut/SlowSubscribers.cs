using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

/// <summary>
/// Memory held for subscribers that never read (bench/README.md, "Slow subscribers"): the server's resident memory
/// growth while one large connector is written again and again, with that many non-reading subscribers, against the
/// same writes with no subscriber. Every scenario runs on a fresh server process of the same build, in the same run.
/// Afterwards each subscriber reads what it was sent, to check it was stopped with SLOW_CONSUMER.
/// </summary>
static class SlowSubscribers
{
    private const string Document = "subscription($id: ID) { {alias}onConnectorUpdated(id: $id) { id version description config } }";

    public static async Task RunAsync(string[] args)
    {
        var serverDll = args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: FanOut --slow <server.dll> [subscribers=50] [writes=240] [scenarios=none,sse,ws,ws-distinct]");
        var subscribers = int.Parse(args.ElementAtOrDefault(1) ?? "50", CultureInfo.InvariantCulture);
        var writes = int.Parse(args.ElementAtOrDefault(2) ?? "240", CultureInfo.InvariantCulture);
        var scenarios = (args.ElementAtOrDefault(3) ?? "none,sse,ws,ws-distinct").Split(',');
        var config = LargeConfig();
        Console.WriteLine($"{writes} writes of a connector whose config is {Encoding.UTF8.GetByteCount(config.ToJsonString()) / 1024} KiB of JSON " +
            $"({config.Count} keys); {subscribers} subscribers per scenario that never read; {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| scenario | RSS before (MiB) | after (MiB) | growth (MiB) | peak growth (MiB) | growth − baseline (MiB) | stopped with SLOW_CONSUMER | events each got first (median) | writes took (s) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        double? baseline = null;
        foreach (var scenario in scenarios)
        {
            var outcome = await RunScenarioAsync(serverDll, scenario, scenario == "none" ? 0 : subscribers, writes, config);
            var growth = (outcome.After - outcome.Before) / 1048576.0;
            baseline ??= scenario == "none" ? growth : null;
            Console.WriteLine($"| {Describe(scenario, subscribers)} | {outcome.Before / 1048576.0:F0} | {outcome.After / 1048576.0:F0} | {growth:F0} | " +
                $"{(outcome.Peak - outcome.Before) / 1048576.0:F0} | {(baseline is { } b && scenario != "none" ? $"{growth - b:F0}" : "—")} | " +
                $"{outcome.Stopped} / {outcome.Subscribers} | {outcome.MedianDelivered} | {outcome.Writing.TotalSeconds:F1} |");
        }
    }

    private static string Describe(string scenario, int n) => scenario switch
    {
        "none" => "baseline: no subscriber",
        "sse" => $"{n} SSE streams, not read",
        "ws" => $"{n} paused graphql-transport-ws sockets",
        "ws-distinct" => $"{n} paused sockets, each its own selection (nothing shared)",
        _ => scenario,
    };

    private sealed record Outcome(long Before, long After, long Peak, int Subscribers, int Stopped, int MedianDelivered, TimeSpan Writing);

    private static async Task<Outcome> RunScenarioAsync(string serverDll, string scenario, int count, int writes, JsonObject config)
    {
        var port = 20000 + Random.Shared.Next(1000);
        var folder = Directory.CreateTempSubdirectory("coco-slow-");
        using var server = ServerProcess.Start(serverDll, port, folder.FullName, serverGc: true);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await ServerProcess.WaitHealthyAsync(http);
            await ServerProcess.SendJsonAsync(http, "connector/", new JsonObject { ["id"] = "big", ["name"] = "big", ["config"] = config.DeepClone() }.ToJsonString());
            var ws = new Uri($"ws://127.0.0.1:{port}/graphql");

            // Warm-up, the same in every scenario: one subscriber that reads ten events, so the whole event path is
            // compiled. Its subscription attaches in the background, so writes go on until events arrive.
            await using (var warm = await Paused.ConnectAsync(ws, "warm", ""))
            {
                var next = warm.ReadAsync();
                for (var (i, received) = (0, 0); received < 10; i++)
                {
                    await ServerProcess.SendJsonAsync(http, "connector/big", $$"""{"description":"warm {{i}}"}""", HttpMethod.Put);
                    if (await Task.WhenAny(next, Task.Delay(2000)) == next)
                    {
                        received++;
                        next = warm.ReadAsync();
                    }
                }
            }

            await Task.Delay(2000);
            var (before, _) = ServerProcess.Memory(server);

            var clients = new List<ISubscriber>();
            for (var i = 0; i < count; i++)
            {
                clients.Add(scenario == "sse"
                    ? await SseSubscriber.OpenAsync(http.BaseAddress!)
                    : await Paused.ConnectAsync(ws, "1", scenario == "ws-distinct" ? $"s{i}: " : ""));
            }

            await Task.Delay(5000); // the subscriptions attach in the background (the drain below shows they all did)
            var writing = Stopwatch.StartNew();
            for (var i = 0; i < writes; i++)
            {
                await ServerProcess.SendJsonAsync(http, "connector/big", $$"""{"description":"write {{i}}"}""", HttpMethod.Put);
            }

            writing.Stop();
            await Task.Delay(2000);
            var (after, peak) = ServerProcess.Memory(server);

            var drained = await Task.WhenAll(clients.Select(client => client.DrainAsync()));
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            var delivered = drained.Select(d => d.Events).Order().ToList();
            return new Outcome(before, after, peak, count, drained.Count(d => d.SlowConsumer),
                delivered.Count == 0 ? 0 : delivered[delivered.Count / 2], writing.Elapsed);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            folder.Delete(recursive: true);
        }
    }

    // About 250 KiB of JSON in many small values (a deep copy of it is many objects), with a secret to mask.
    private static JsonObject LargeConfig()
    {
        var config = new JsonObject { ["token"] = "bench-secret-token" };
        for (var i = 0; Encoding.UTF8.GetByteCount(config.ToJsonString()) < 250 * 1024; i++)
        {
            config[$"setting_{i:D5}"] = $"value {i} " + new string((char)('a' + (i % 26)), 100);
        }

        return config;
    }

    private static string SubscribeMessage(string id, string alias) => new JsonObject
    {
        ["id"] = id,
        ["type"] = "subscribe",
        ["payload"] = new JsonObject { ["query"] = Document.Replace("{alias}", alias, StringComparison.Ordinal), ["variables"] = new JsonObject { ["id"] = "big" } },
    }.ToJsonString();

    // How long a drain waits for one more message before it takes the stream as still open.
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(10);

    private static bool IsSlowConsumer(JsonNode? result) => (string?)result?["errors"]?[0]?["extensions"]?["code"] == "SLOW_CONSUMER";

    private interface ISubscriber : IAsyncDisposable
    {
        /// <summary>Reads everything that was sent: how many events, and whether it ended with SLOW_CONSUMER.</summary>
        Task<(int Events, bool SlowConsumer)> DrainAsync();
    }

    /// <summary>A graphql-transport-ws socket with one subscription, not read until drained.</summary>
    private sealed class Paused : ISubscriber
    {
        private readonly ClientWebSocket _socket = new();

        public static async Task<Paused> ConnectAsync(Uri uri, string id, string alias)
        {
            var paused = new Paused();
            paused._socket.Options.AddSubProtocol("graphql-transport-ws");
            await paused._socket.ConnectAsync(uri, CancellationToken.None);
            await paused.SendAsync("""{"type":"connection_init"}""");
            if ((string?)(await paused.ReadAsync())?["type"] != "connection_ack")
            {
                throw new InvalidOperationException("no connection_ack");
            }

            await paused.SendAsync(SubscribeMessage(id, alias));
            return paused;
        }

        public async Task<JsonNode?> ReadAsync(CancellationToken ct = default)
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                using var text = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, ct);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return null;
                    }

                    text.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                var message = JsonNode.Parse(text.ToArray());
                if ((string?)message?["type"] is not ("ping" or "pong"))
                {
                    return message;
                }
            }
        }

        public async Task<(int Events, bool SlowConsumer)> DrainAsync()
        {
            var events = 0;
            try
            {
                while (true)
                {
                    using var idle = new CancellationTokenSource(IdleTimeout);
                    if (await ReadAsync(idle.Token) is not { } message || (string?)message["type"] != "next")
                    {
                        break;
                    }

                    if (IsSlowConsumer(message["payload"]))
                    {
                        return (events, true);
                    }

                    events++;
                }
            }
            catch (OperationCanceledException)
            {
                // Nothing more came: a server that keeps the subscription going.
            }

            return (events, false);
        }

        private Task SendAsync(string text) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

        public ValueTask DisposeAsync()
        {
            _socket.Abort();
            _socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A graphql-sse stream (POST) with one subscription, not read until drained.</summary>
    private sealed class SseSubscriber : ISubscriber
    {
        private HttpClient _http = null!;
        private HttpResponseMessage _response = null!;

        public static async Task<SseSubscriber> OpenAsync(Uri server)
        {
            var subscriber = new SseSubscriber { _http = new HttpClient { BaseAddress = server } };
            var body = JsonNode.Parse(SubscribeMessage("1", ""))!["payload"]!.ToJsonString();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("graphql", UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            subscriber._response = await subscriber._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            subscriber._response.EnsureSuccessStatusCode();
            return subscriber;
        }

        public async Task<(int Events, bool SlowConsumer)> DrainAsync()
        {
            using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync());
            var events = 0;
            try
            {
                while (true)
                {
                    using var idle = new CancellationTokenSource(IdleTimeout);
                    if (await reader.ReadLineAsync(idle.Token) is not { } line || line == "event: complete")
                    {
                        break;
                    }

                    if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        if (IsSlowConsumer(JsonNode.Parse(line["data: ".Length..])))
                        {
                            return (events, true);
                        }

                        events++;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Nothing more came: a server that keeps the subscription going.
            }

            return (events, false);
        }

        public ValueTask DisposeAsync()
        {
            _response.Dispose();
            _http.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
