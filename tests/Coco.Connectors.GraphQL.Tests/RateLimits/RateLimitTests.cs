using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;
using Coco.Connectors.Tests.Transport.Streaming;

namespace Coco.Connectors.Tests.RateLimits;

/// <summary>
/// Rate limits over the real server: a bucket per API token and per client address, refusals with 429 and a sane
/// <c>Retry-After</c> in each route's own shape (Coco's envelope, GraphQL's <c>RATE_LIMITED</c>, WebSocket 4429).
/// </summary>
public sealed class RateLimitTests(RateLimitedServer server) : IClassFixture<RateLimitedServer>
{
    [Fact]
    public async Task A_token_over_its_bucket_gets_Cocos_429_with_Retry_After_and_another_token_is_unaffected()
    {
        using var a = Client(RateLimitedServer.Token(0));
        for (var i = 0; i < RateLimitedServer.Burst; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await a.GetJsonAsync("/connector/github")).Status);
        }

        var refused = await a.GetJsonAsync("/connector/github");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(429, (int)refused.Object["status"]!);
        Assert.Equal("rate_limited", (string?)refused.Object["error"]!["type"]);
        Assert.Contains("with this API token", (string?)refused.Object["error"]!["reason"], StringComparison.Ordinal);
        AssertSaneRetryAfter(refused.Raw);

        // Writes are refused the same way, and nothing is stored.
        var before = await server.SnapshotAsync();
        var create = await a.SendJsonAsync(HttpMethod.Post, "/connector/", """{"name":"over the limit"}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, create.Status);
        Assert.Equal(before, await server.SnapshotAsync());

        using var b = Client(RateLimitedServer.Token(1));
        Assert.Equal(HttpStatusCode.OK, (await b.GetJsonAsync("/connector/github")).Status);
    }

    [Theory]
    [InlineData("application/graphql-response+json")]
    [InlineData("application/json")]
    public async Task GraphQL_POST_over_the_bucket_is_a_429_GraphQL_error_RATE_LIMITED(string accept)
    {
        using var client = Client(RateLimitedServer.Token(accept == "application/json" ? 2 : 3));
        JsonResponse response = null!;
        for (var i = 0; i <= RateLimitedServer.Burst; i++)
        {
            response = await client.SendJsonAsync(HttpMethod.Post, "/graphql", """{"query":"{ connectorById(id: \"github\") { id } }"}""",
                request => request.Headers.Add("Accept", accept));
            if (i < RateLimitedServer.Burst)
            {
                Assert.Equal(HttpStatusCode.OK, response.Status);
                Assert.Equal("github", (string?)response.Object["data"]!["connectorById"]!["id"]);
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, response.Status);
        Assert.Equal(accept, response.Raw.Content.Headers.ContentType!.MediaType);
        Assert.Equal("RATE_LIMITED", (string?)response.Object["errors"]![0]!["extensions"]!["code"]);
        Assert.Null(response.Object["data"]);
        AssertSaneRetryAfter(response.Raw);
    }

    [Fact]
    public async Task GraphQL_GET_over_the_bucket_is_refused_the_same_way()
    {
        using var client = Client(RateLimitedServer.Token(4));
        for (var i = 0; i < RateLimitedServer.Burst; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("/graphql?query=%7B__typename%7D")).Status);
        }

        var refused = await client.GetJsonAsync("/graphql?query=%7B__typename%7D");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("RATE_LIMITED", (string?)refused.Object["errors"]![0]!["extensions"]!["code"]);
        AssertSaneRetryAfter(refused.Raw);
    }

    [Fact]
    public async Task An_event_stream_over_the_bucket_is_refused_before_it_starts()
    {
        using var client = Client(RateLimitedServer.Token(5));
        for (var i = 0; i < RateLimitedServer.Burst; i++)
        {
            using var stream = await SseTestStream.OpenAsync(client, SseTestStream.Post("{ __typename }"));
            Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
            Assert.Equal("next", (await stream.ReadAsync("next")).Name);
        }

        using var refused = await client.SendAsync(SseTestStream.Post("{ __typename }"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("RATE_LIMITED", (string?)body["errors"]![0]!["extensions"]!["code"]);
        AssertSaneRetryAfter(refused);
    }

    [Theory]
    [InlineData(WsTestClient.TransportWs, 6)]
    [InlineData(WsTestClient.ApolloWs, 7)]
    public async Task A_WebSocket_upgrade_over_the_bucket_is_accepted_and_closed_with_4429(string subProtocol, int token)
    {
        var open = new List<WsTestClient>();
        try
        {
            for (var i = 0; i < RateLimitedServer.Burst; i++)
            {
                var socket = await WsTestClient.ConnectWithAsync(server.GraphQLWebSocketUri, o => o.SetRequestHeader("X-API-TOKEN", RateLimitedServer.Token(token)), subProtocol);
                await socket.SendAsync(new { type = "connection_init" });
                await socket.ReceiveAsync("connection_ack");
                open.Add(socket);
            }

            await using var refused = await WsTestClient.ConnectWithAsync(server.GraphQLWebSocketUri, o => o.SetRequestHeader("X-API-TOKEN", RateLimitedServer.Token(token)), subProtocol);
            var (code, reason) = await refused.ReceiveCloseAsync();
            Assert.Equal(4429, code);
            Assert.Contains("Too many requests with this API token", reason, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var socket in open)
            {
                await socket.DisposeAsync();
            }
        }

        // The sockets already open were not touched by the refusal, and the token's bucket is what counted.
        using var other = Client(RateLimitedServer.Token(8));
        Assert.Equal(HttpStatusCode.OK, (await other.GetJsonAsync("/connector/github")).Status);
    }

    [Theory]
    [InlineData(WsTestClient.TransportWs, 12, 13)]
    [InlineData(WsTestClient.ApolloWs, 14, 15)]
    public async Task Each_operation_on_an_open_WebSocket_takes_a_permit_from_its_callers_bucket(string subProtocol, int upgradeToken, int initToken)
    {
        // The upgrade carries one token, connection_init another: the socket speaks for the second, and its operations
        // draw from that token's bucket, the one its HTTP requests use.
        using var live = new LiveServer(server);
        await live.WaitForSubscribersAsync(0); // the other case's subscription is released after its socket closed
        await using var socket = await WsTestClient.ConnectWithAsync(server.GraphQLWebSocketUri,
            o => o.SetRequestHeader("X-API-TOKEN", RateLimitedServer.Token(upgradeToken)), subProtocol);
        await socket.SendAsync(new { type = "connection_init", payload = new Dictionary<string, string> { ["X-API-TOKEN"] = RateLimitedServer.Token(initToken) } });
        await socket.ReceiveAsync("connection_ack");
        var data = subProtocol == WsTestClient.ApolloWs ? "data" : "next";
        await socket.SubscribeAsync("live", "subscription { onConnectorCreated { id } }");
        await live.WaitForSubscribersAsync(1); // it starts in the background: attached before the write that it must see
        for (var i = 1; i < RateLimitedServer.Burst; i++)
        {
            await socket.SubscribeAsync($"q{i}", "{ __typename }");
            var result = await socket.ReceiveAsync(data);
            Assert.Equal($"q{i}", WsTestClient.Id(result));
            Assert.Equal("Query", result.GetProperty("payload").GetProperty("data").GetProperty("__typename").GetString());
            await socket.ReceiveAsync("complete");
        }

        await socket.SubscribeAsync("over", "{ __typename }");
        var refused = await socket.ReceiveAsync("error");
        Assert.Equal("over", WsTestClient.Id(refused));
        var error = subProtocol == WsTestClient.ApolloWs ? refused.GetProperty("payload").GetProperty("errors")[0] : refused.GetProperty("payload")[0];
        Assert.Equal("RATE_LIMITED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.InRange(error.GetProperty("extensions").GetProperty("retryAfter").GetInt32(), 1, (int)RateLimitedServer.Period.TotalSeconds);
        Assert.Contains("Too many requests with this API token", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        // A subscription is refused the same way, and the socket stays open and usable.
        await socket.SubscribeAsync("watch", "subscription { onConnectorCreated { id } }");
        Assert.Equal("watch", WsTestClient.Id(await socket.ReceiveAsync("error")));
        if (subProtocol == WsTestClient.TransportWs)
        {
            await socket.SendAsync(new { type = "ping" });
            await socket.ReceiveAsync("pong");
        }

        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.Socket.State);

        // Apollo lets a start replace the operation with its id; a refused replacement leaves the running one alone.
        using var upgradeOnly = Client(RateLimitedServer.Token(upgradeToken));
        if (subProtocol == WsTestClient.ApolloWs)
        {
            await socket.SubscribeAsync("live", "subscription { onConnectorCreated { name } }");
            Assert.Equal("live", WsTestClient.Id(await socket.ReceiveAsync("error")));
            Assert.Equal(HttpStatusCode.OK, (await upgradeOnly.SendJsonAsync(HttpMethod.Post, "/connector/", """{"name":"rate-limited-live"}""")).Status);
            var created = await socket.ReceiveAsync(data);
            Assert.Equal("live", WsTestClient.Id(created));
            Assert.True(created.GetProperty("payload").GetProperty("data").GetProperty("onConnectorCreated").TryGetProperty("id", out _));
        }

        // One bucket per caller: the token's HTTP requests are refused now, the upgrade's token spent one permit only.
        using var sameToken = Client(RateLimitedServer.Token(initToken));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameToken.GetJsonAsync("/connector/github")).Status);
        Assert.Equal(HttpStatusCode.OK, (await upgradeOnly.GetJsonAsync("/connector/github")).Status);
    }

    [Fact]
    public async Task Callers_without_a_valid_token_share_their_addresss_bucket_and_other_addresses_are_unaffected()
    {
        using var first = new HttpClient(LoopbackClients.Handler(LoopbackClients.Address(41))) { BaseAddress = server.BaseAddress };
        first.DefaultRequestHeaders.Add("X-API-TOKEN", "coco_not-a-token"); // a guess per request: limited by address
        for (var i = 0; i < RateLimitedServer.Burst; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetJsonAsync("/connector/github")).Status);
        }

        var refused = await first.GetJsonAsync("/connector/github");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("from this client", (string?)refused.Object["error"]!["reason"], StringComparison.Ordinal);
        AssertSaneRetryAfter(refused.Raw);

        // A forwarding header does not buy a new bucket: the connection's own address counts.
        var forwarded = await first.SendJsonAsync(HttpMethod.Get, "/connector/github", configure: r => r.Headers.Add("X-Forwarded-For", "198.51.100.9"));
        Assert.Equal(HttpStatusCode.TooManyRequests, forwarded.Status);

        // Health probes are never limited.
        using var health = await first.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var second = new HttpClient(LoopbackClients.Handler(LoopbackClients.Address(42))) { BaseAddress = server.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetJsonAsync("/connector/github")).Status);

        // A valid token from the exhausted address draws from the token's bucket instead.
        using var withToken = new HttpClient(LoopbackClients.Handler(LoopbackClients.Address(41))) { BaseAddress = server.BaseAddress };
        withToken.DefaultRequestHeaders.Add("X-API-TOKEN", RateLimitedServer.Token(9));
        Assert.Equal(HttpStatusCode.OK, (await withToken.GetJsonAsync("/connector/github")).Status);
    }

    private HttpClient Client(string token)
    {
        var client = server.CreateAnonymousHttpClient();
        client.DefaultRequestHeaders.Add("X-API-TOKEN", token);
        return client;
    }

    // Whole seconds, at least one, and no more than the time the bucket needs to give a permit back.
    private static void AssertSaneRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        Assert.NotNull(retryAfter);
        Assert.NotNull(retryAfter.Delta);
        Assert.InRange(retryAfter.Delta.Value, TimeSpan.FromSeconds(1), RateLimitedServer.Period);
    }
}
