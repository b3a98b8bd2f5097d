using System.Net;
using System.Net.Http.Json;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Operability;

/// <summary>
/// SIGTERM to the real server process with subscriptions open on every transport and a request in flight: readiness
/// turns unready at once while the server still serves for the readiness delay, then every subscription ends with its
/// reason, the request in flight completes, and the process exits 0.
/// </summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private const string Subscription = "subscription { onConnectorCreated { id name } }";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coco-tests", "shutdown-" + Guid.NewGuid().ToString("N"));

    public GracefulShutdownTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Sigterm_turns_readiness_unready_ends_every_subscription_with_a_reason_and_drains_the_request_in_flight()
    {
        await using var server = await ServerProcess.StartAsync(_folder, new Dictionary<string, string>
        {
            // Long enough that the test sees the server draining even on a loaded machine; nothing here is timed.
            ["Shutdown__ReadinessDelay"] = "00:00:15",
        }, withTestToken: true);
        using var http = server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("healthz/ready", UriKind.Relative))).StatusCode);

        var wsUri = new Uri(server.BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "graphql");
        await using var modern = await ConnectAndInitAsync(wsUri, TransportWs);
        await modern.SubscribeAsync("m", Subscription);
        await using var legacy = await ConnectAndInitAsync(wsUri, ApolloWs);
        await legacy.SubscribeAsync("l", Subscription);
        using var sseClient = server.CreateHttpClient();
        using var sse = await SseTestStream.OpenAsync(sseClient, SseTestStream.Post(Subscription));

        // A subscription attaches in the background: write until each has seen an event.
        var first = Task.WhenAll(modern.ReceiveAsync("next"), legacy.ReceiveAsync("data"), sse.ReadAsync());
        while (!first.IsCompleted)
        {
            var created = await http.PostAsJsonAsync(new Uri("connector/", UriKind.Relative), new { name = "before shutdown" });
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            await Task.WhenAny(first, Task.Delay(200));
        }

        await first;

        await using var inFlight = await TrickledRequest.StartAsync(server.BaseAddress, "/graphql",
            """{"query":"{ connectorById(id: \"github\") { id name } }"}""", 900_000);

        await server.SignalTerminateAsync();

        // Unready as soon as the process handles the signal; live, and still serving, during the readiness delay.
        HttpResponseMessage ready;
        while ((ready = await http.GetAsync(new Uri("healthz/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
        {
            await Task.Delay(20);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("draining", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("healthz/live", UriKind.Relative))).StatusCode);

        // Then each subscription ends with a reason its client understands.
        Assert.Equal((1001, "Going Away: the server is shutting down."), await modern.ReceiveCloseAsync());
        Assert.Equal((1001, "Going Away: the server is shutting down."), await legacy.ReceiveCloseAsync());
        var reason = await ReadUntilErrorAsync(sse);
        Assert.Equal("SHUTTING_DOWN", reason.Json().GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("complete", (await sse.ReadAsync())!.Name);
        Assert.Null(await sse.ReadAsync());

        // The request that was in flight when the signal came is answered in full.
        var answer = await inFlight.FinishAsync();
        Assert.Equal(200, answer.Status);
        Assert.Equal("github", answer.Json!["data"]!["connectorById"]!["id"]!.GetValue<string>());

        var log = await server.WaitForExitAsync();
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("Shutdown complete", log, StringComparison.Ordinal);
    }

    // Events of the writes above may still be on their way before the reason.
    private static async Task<SseEvent> ReadUntilErrorAsync(SseTestStream sse)
    {
        while (true)
        {
            var next = await sse.ReadAsync();
            Assert.NotNull(next);
            Assert.Equal("next", next.Name);
            if (next.Json().TryGetProperty("errors", out _))
            {
                return next;
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
