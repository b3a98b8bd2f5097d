using System.Net.Http.Json;
using Coco.Connectors.GraphQLApi.Limits;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Limits;

/// <summary>
/// The server-wide in-flight budget: large responses executing at once share it, the ones that would overdraw it end
/// with <c>SERVER_BUSY</c> (503, <c>Retry-After</c>), and every execution returns its share when done.
/// Two stored connectors of ~100 KB of config each; one request reads them five times (~1 MB).
/// </summary>
public sealed class InFlightBudgetTests(InFlightBudgetServer server) : IClassFixture<InFlightBudgetServer>, IAsyncLifetime
{
    private const int Pages = 5;
    private static readonly string Large =
        "{ " + string.Join(' ', Enumerable.Range(0, Pages).Select(i =>
            $"a{i}: connectors(first: 50, where: {{ name: {{ startsWith: \"inflight \" }} }}) {{ nodes {{ name config }} }}")) + " }";

    private readonly GraphQLTestClient _client = new(server);

    public async Task InitializeAsync()
    {
        var seeded = await _client.PostAsync("{ connectors(where: { name: { startsWith: \"inflight \" } }) { totalCount } }");
        if (seeded.Ok()["connectors"]!["totalCount"]!.GetValue<int>() > 0)
        {
            return;
        }

        for (var i = 0; i < 2; i++)
        {
            using var created = await _client.Http.PostAsJsonAsync("connector/", new { name = $"inflight {i}", config = LargeConfig() });
            created.EnsureSuccessStatusCode();
        }
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_request_that_would_overdraw_the_server_budget_is_refused_until_the_bytes_are_returned()
    {
        // Stands for other executions holding all but a little of the server budget.
        var held = new ResponseBudget(long.MaxValue, CancellationToken.None, server.Budget);
        held.Charge(server.Budget.Available - 100_000);
        GraphQLResponse busy;
        try
        {
            busy = await _client.PostAsync(Large);
        }
        finally
        {
            held.Dispose();
        }

        Assert.Equal((LimitCodes.ServerBusy, 503), (busy.FirstErrorCode, busy.Status));
        Assert.Contains("retry later", busy.FirstErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(busy.Message.Headers.RetryAfter);
        Assert.Null(busy.Data);

        AssertComplete(await _client.PostAsync(Large));
        await AllReturnedAsync();
    }

    [Fact]
    public async Task Concurrent_large_responses_are_either_complete_or_refused_and_the_budget_is_returned()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => _client.PostAsync(Large))));

        var refused = responses.Where(r => r.Status == 503).ToList();
        var served = responses.Where(r => r.Status == 200).ToList();
        Assert.Equal(responses.Length, refused.Count + served.Count);
        Assert.All(refused, r => Assert.Equal(LimitCodes.ServerBusy, r.FirstErrorCode));
        Assert.All(served, AssertComplete);
        // How many overlap (and so how many are refused) depends on the machine; that a refusal happens at all is the
        // test above's to prove. Here: nothing partial, nothing else, and every byte comes back.

        // Every execution is done: all its bytes are back, so a lone large request fits again.
        await AllReturnedAsync();
        AssertComplete(await _client.PostAsync(Large));
    }

    // The server returns a response's bytes once it has written the body, which may be just after the client read it.
    private Task AllReturnedAsync() =>
        Eventually.TrueAsync(() => server.Budget.Available == server.Budget.Limit, "every response's bytes are back in the server budget");

    private static void AssertComplete(GraphQLResponse response)
    {
        var data = response.Ok();
        for (var i = 0; i < Pages; i++)
        {
            var nodes = data[$"a{i}"]!["nodes"]!.AsArray();
            Assert.Equal(2, nodes.Count);
            Assert.All(nodes, n => Assert.Equal(new string('x', 5_000), n!["config"]!["blob_19"]!.GetValue<string>()));
        }
    }

    private static Dictionary<string, string> LargeConfig() =>
        Enumerable.Range(0, 20).ToDictionary(i => $"blob_{i:00}", _ => new string('x', 5_000));
}
