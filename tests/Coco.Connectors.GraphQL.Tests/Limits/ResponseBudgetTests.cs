using System.Net.Http.Json;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Limits;

/// <summary>
/// The response ceiling holds while executing, on every transport: values are charged as resolvers produce them, and
/// once the budget is spent nothing more is read from the store and the answer is <c>RESPONSE_TOO_LARGE</c>.
/// Two stored connectors of ~100 KB of config each; the ceiling is 300 KB.
/// </summary>
public sealed class ResponseBudgetTests(ResponseBudgetServer server) : IClassFixture<ResponseBudgetServer>, IAsyncLifetime
{
    private const int Aliases = 20;
    private static readonly string ManyPages =
        "{ " + string.Join(' ', Enumerable.Range(0, Aliases).Select(i => $"a{i}: connectors(first: 50) {{ nodes {{ config }} }}")) + " }";

    private readonly GraphQLTestClient _client = new(server);

    public async Task InitializeAsync()
    {
        var seeded = await _client.PostAsync("{ connectors(where: { name: { startsWith: \"big \" } }) { totalCount } }");
        if (seeded.Ok()["connectors"]!["totalCount"]!.GetValue<int>() > 0)
        {
            return;
        }

        for (var i = 0; i < 2; i++)
        {
            using var created = await _client.Http.PostAsJsonAsync("connector/", new { name = $"big {i}", config = LargeConfig() });
            created.EnsureSuccessStatusCode();
        }
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_response_within_the_ceiling_is_served()
    {
        var nodes = (await _client.PostAsync("{ connectors(first: 50) { nodes { config } } }")).Ok()["connectors"]!["nodes"]!.AsArray();
        Assert.Contains(nodes, n => n!["config"]?["blob_00"] is not null);
    }

    [Fact]
    public async Task Over_http_execution_stops_reading_once_the_budget_is_spent()
    {
        var before = server.StoreReads.Commands;
        var response = await _client.PostAsync(ManyPages);
        var reads = server.StoreReads.Commands - before;

        Assert.Equal(("RESPONSE_TOO_LARGE", 400), (response.FirstErrorCode, response.Status));
        Assert.Equal(ResponseBudgetServer.MaxResponseBytes, response.Errors![0]!["extensions"]!["limit"]!.GetValue<long>());
        Assert.Null(response.Data);
        Assert.True(reads is > 0 and <= 3, $"{reads} store commands for {Aliases} pages: execution went on after the budget was spent");
    }

    [Fact]
    public async Task Over_sse_a_query_too_large_is_refused()
    {
        using var http = server.CreateHttpClient();
        using var stream = await SseTestStream.OpenAsync(http, SseTestStream.Post(ManyPages));

        var next = (await stream.ReadAsync("next")).Json();
        Assert.Equal("RESPONSE_TOO_LARGE", next.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(next.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Over_websockets_a_query_too_large_is_refused()
    {
        await using var socket = await WsTestClient.ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await socket.SubscribeAsync("q", ManyPages);

        var error = await socket.ReceiveAsync("error");
        Assert.Equal("RESPONSE_TOO_LARGE", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_subscription_event_too_large_becomes_an_error_and_the_subscription_goes_on()
    {
        var id = await _client.CreateAsync(new { name = "watched", config = LargeConfig() });
        await NoSubscriberLeftAsync();
        await using var socket = await WsTestClient.ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await socket.SubscribeAsync("s", "subscription($id: ID) { onConnectorUpdated(id: $id) { name a: config b: config c: config d: config } }", new { id });
        await Eventually.TrueAsync(() => SubscriberCount() == 1, "the subscription is attached");

        try
        {
            await Put(id, new { name = "watched, renamed" });
            var tooLarge = await socket.ReceiveAsync("next");
            Assert.Equal("RESPONSE_TOO_LARGE", tooLarge.GetProperty("payload").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

            await Put(id + "?replace=true", new { name = "watched, small", config = new { x = 1 } });
            var small = await socket.ReceiveAsync("next");
            Assert.Equal("watched, small", small.GetProperty("payload").GetProperty("data").GetProperty("onConnectorUpdated").GetProperty("name").GetString());
        }
        finally
        {
            using var deleted = await _client.Http.DeleteAsync("connector/" + id);
        }
    }

    [Fact]
    public async Task Pages_that_do_not_show_config_read_rows_without_it()
    {
        var thirtyPages = "{ " + string.Join(' ', Enumerable.Range(0, 30).Select(i => $"p{i}: connectors(first: 50) {{ nodes {{ id }} }}")) + " }";
        var lean = ConnectorReads(() => _client.PostAsync(thirtyPages));
        var (response, reads) = await lean;
        Assert.Equal(30, response.Ok().AsObject().Count);
        Assert.True(reads.Count >= 30, $"{reads.Count} page reads");
        Assert.All(reads, sql => Assert.DoesNotContain("\"Config\"", sql, StringComparison.Ordinal));

        // Asked for anywhere beneath the field (here through a fragment), config is read.
        var (withConfig, configReads) = await ConnectorReads(() => _client.PostAsync(
            "{ connectors(first: 2) { edges { node { ...F } } } } fragment F on Connector { id config }"));
        Assert.NotEmpty(withConfig.Ok()["connectors"]!["edges"]!.AsArray());
        Assert.Contains(configReads, sql => sql.Contains("\"Config\"", StringComparison.Ordinal));
    }

    // SQLite quotes every identifier, PostgreSQL only those that need it.
    private static readonly System.Text.RegularExpressions.Regex ConnectorRead = new("FROM \"?connectors\"?\\s");

    private async Task<(GraphQLResponse Response, List<string> Reads)> ConnectorReads(Func<Task<GraphQLResponse>> request)
    {
        var before = server.StoreReads.CommandTexts.Count;
        var response = await request();
        var reads = server.StoreReads.CommandTexts.Skip(before)
            .Where(sql => ConnectorRead.IsMatch(sql) && !sql.Contains("COUNT(", StringComparison.Ordinal)).ToList();
        return (response, reads);
    }

    // The budget charges values, not the names they are sent under: long aliases on small values make an answer far
    // longer than its charges. Every transport measures the serialized answer itself, too.
    private static readonly string LongAliases = $"{{ __schema {{ types {{ {new string('t', 10_000)}: __typename }} }} }}";

    [Fact]
    public async Task An_answer_longer_than_its_charges_is_refused_on_every_transport()
    {
        var http = await _client.PostAsync(LongAliases);
        Assert.Equal(("RESPONSE_TOO_LARGE", 400), (http.FirstErrorCode, http.Status));

        await using var socket = await WsTestClient.ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await socket.SubscribeAsync("q", LongAliases);
        var error = await socket.ReceiveAsync("error");
        Assert.Equal("RESPONSE_TOO_LARGE", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(ResponseBudgetServer.MaxResponseBytes, error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("limit").GetInt64());

        using var sseHttp = server.CreateHttpClient();
        using var stream = await SseTestStream.OpenAsync(sseHttp, SseTestStream.Post(LongAliases));
        var next = (await stream.ReadAsync("next")).Json();
        Assert.Equal("RESPONSE_TOO_LARGE", next.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(next.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task A_subscription_event_longer_than_its_charges_becomes_an_error_and_the_subscription_goes_on()
    {
        var id = await _client.CreateAsync(new { name = "watched by long names" });
        await NoSubscriberLeftAsync();
        var names = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"{new string('v', 11_000)}{i}: version"));
        await using var socket = await WsTestClient.ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await socket.SubscribeAsync("s", $"subscription($id: ID) {{ onConnectorUpdated(id: $id) {{ {names} }} }}", new { id });
        await Eventually.TrueAsync(() => SubscriberCount() == 1, "the subscription is attached");

        try
        {
            for (var write = 0; write < 2; write++)
            {
                await Put(id, new { description = $"write {write}" });
                var tooLarge = await socket.ReceiveAsync("next");
                Assert.Equal("RESPONSE_TOO_LARGE", tooLarge.GetProperty("payload").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
            }
        }
        finally
        {
            using var deleted = await _client.Http.DeleteAsync("connector/" + id);
        }
    }

    // The other test's subscription is released after its socket closed, which may be after that test ended.
    private Task NoSubscriberLeftAsync() => Eventually.TrueAsync(() => SubscriberCount() == 0, "the previous test's subscription is released");

    private int SubscriberCount() =>
        server.Services.GetRequiredService<Coco.Connectors.Changes.ConnectorEventDispatcher>().SubscriberCount;

    private async Task Put(string pathAndQuery, object body)
    {
        using var response = await _client.Http.PutAsJsonAsync("connector/" + pathAndQuery, body);
        response.EnsureSuccessStatusCode();
    }

    private static Dictionary<string, string> LargeConfig() =>
        Enumerable.Range(0, 20).ToDictionary(i => $"blob_{i:00}", _ => new string('x', 5_000));
}
