using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Limits;

/// <summary>
/// Every execution observes the request's cancellation and the execution timeout: work stops when the client goes,
/// when the timeout passes, and when the server shuts down, instead of running on. The waits below only guard
/// against a hang; nothing asserts how fast.
/// </summary>
public sealed class ExecutionCancellationTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Work_stops_when_the_client_disconnects()
    {
        using var server = new SlowQueryServer(executionTimeout: Long);
        using var http = server.CreateHttpClient();
        using var leave = new CancellationTokenSource();
        var request = http.SendAsync(Post(SlowQueryServer.Query), leave.Token);

        await server.Probe.Started.WaitAsync(Patience.Limit);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        await server.Probe.Cancelled.WaitAsync(Patience.Limit);
        var ticks = server.Probe.Ticks;
        await Task.Delay(200);
        Assert.Equal(ticks, server.Probe.Ticks);
        Assert.Empty(server.Errors.Entries); // A client leaving is not a server error.
    }

    [Fact]
    public async Task The_execution_timeout_stops_work_with_its_own_code()
    {
        using var server = new SlowQueryServer(executionTimeout: TimeSpan.FromSeconds(2));
        using var http = server.CreateHttpClient();
        using (var warmUp = await http.SendAsync(Post("{ __typename }")))
        {
            warmUp.EnsureSuccessStatusCode(); // The schema is initialised before the clock matters.
        }

        // On a loaded machine the clock may run out before the field starts; every answer must still be the timeout's,
        // and an attempt must have stopped the running field (tried until one did, within the hang guard).
        var deadline = DateTime.UtcNow + Patience.Limit;
        while (!server.Probe.Started.IsCompleted && DateTime.UtcNow < deadline)
        {
            using var response = await http.SendAsync(Post(SlowQueryServer.Query, "application/graphql-response+json"));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.Equal(504, (int)response.StatusCode);
            var error = body.RootElement.GetProperty("errors")[0];
            Assert.Equal("EXECUTION_TIMEOUT", error.GetProperty("extensions").GetProperty("code").GetString());
            Assert.False(body.RootElement.TryGetProperty("data", out _));
        }

        Assert.True(server.Probe.Started.IsCompleted, "the slow field never ran: the timeout always came first");
        await server.Probe.Cancelled.WaitAsync(Patience.Limit);
        Assert.Empty(server.Errors.Entries);
    }

    [Fact]
    public async Task A_shutdown_stops_running_work_and_completes()
    {
        var server = new SlowQueryServer(executionTimeout: Long, shutdownTimeout: TimeSpan.FromSeconds(1));
        try
        {
            using var http = server.CreateHttpClient();
            var request = http.SendAsync(Post(SlowQueryServer.Query));
            var probe = server.Probe;
            await probe.Started.WaitAsync(Patience.Limit);

            await Task.Run(server.Dispose).WaitAsync(Patience.Limit);

            await probe.Cancelled.WaitAsync(Patience.Limit);
            await Assert.ThrowsAnyAsync<Exception>(() => request);
        }
        finally
        {
            server.Dispose();
        }
    }

    private static HttpRequestMessage Post(string query, string accept = "application/json")
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return message;
    }
}
