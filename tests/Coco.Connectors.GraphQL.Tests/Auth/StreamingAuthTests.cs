using System.Net;
using Coco.Connectors.Auth;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Auth;

/// <summary>WebSocket and SSE authentication, permissions per subscription, revocation, and the page-origin check.</summary>
public sealed class StreamingAuthTests(AuthServer server) : IClassFixture<AuthServer>
{
    private const string Created = "subscription { onConnectorCreated { id } }";

    [Theory]
    [InlineData(WsTestClient.TransportWs)]
    [InlineData(WsTestClient.ApolloWs)]
    public async Task A_socket_without_a_token_is_closed_with_4401_at_connection_init(string subProtocol)
    {
        await using var client = await WsTestClient.ConnectWithAsync(server.GraphQLWebSocketUri, _ => { }, subProtocol);
        await client.SendAsync(new { type = "connection_init" });
        var (code, _) = await client.ReceiveCloseAsync();
        Assert.Equal(4401, code);
    }

    [Theory]
    [InlineData(AuthServer.Wrong)]
    [InlineData(AuthServer.Expired)]
    public async Task A_bad_token_in_connection_init_is_closed_with_4401(string token)
    {
        await using var client = await WsTestClient.ConnectWithAsync(server.GraphQLWebSocketUri, _ => { });
        await client.SendAsync(new { type = "connection_init", payload = new Dictionary<string, string> { ["X-API-TOKEN"] = token } });
        Assert.Equal(4401, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task A_token_in_connection_init_or_in_the_upgrade_header_is_accepted()
    {
        var token = AuthServer.TokenFor(Permissions.Read);
        await using (var init = await WsTestClient.ConnectWithAsync(server.GraphQLWebSocketUri, _ => { }))
        {
            await init.SendAsync(new { type = "connection_init", payload = new { headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } } });
            await init.ReceiveAsync("connection_ack");
        }

        await using var header = await WsTestClient.ConnectWithAsync(server.GraphQLWebSocketUri, o => o.SetRequestHeader("X-API-TOKEN", token));
        await header.SendAsync(new { type = "connection_init" });
        await header.ReceiveAsync("connection_ack");
        await header.SubscribeAsync("1", Created);
        await header.SendAsync(new { type = "ping" });
        await header.ReceiveAsync("pong"); // the subscription started without an error before this answer
    }

    [Fact]
    public async Task A_subscription_without_its_permission_gets_an_error_for_that_operation_only()
    {
        await using var client = await InitAsync(AuthServer.TokenFor(Permissions.Search));
        await client.SubscribeAsync("no-read", Created);
        var error = await client.ReceiveAsync("error");
        Assert.Equal("no-read", WsTestClient.Id(error));
        Assert.Equal("AUTH_NOT_AUTHORIZED", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());

        // The socket stays open for what the token may do.
        await client.SendAsync(new { type = "ping" });
        await client.ReceiveAsync("pong");
    }

    [Fact]
    public async Task Where_on_onConnectorChanged_also_needs_search()
    {
        await using var client = await InitAsync(AuthServer.TokenFor(Permissions.Read));
        await client.SubscribeAsync("where", """subscription { onConnectorChanged(where: { name: { eq: "x" } }) { id } }""");
        var error = await client.ReceiveAsync("error");
        Assert.Contains(Permissions.Search, error.GetProperty("payload")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_ends_its_sockets()
    {
        var store = server.Services.GetRequiredService<Server.Auth.TokenStore>();
        var created = await store.CreateAsync("socket-" + Guid.NewGuid().ToString("N")[..8], Permissions.Parse("*"), null, default);
        await server.RefreshTokensAsync();
        await using var client = await InitAsync(created.Token);
        await client.SubscribeAsync("1", Created);

        await store.RevokeAsync(created.Record.Name, default);
        // No refresh by the test: the server's own refresh (every 200 ms here) must notice and close the socket.
        var (code, reason) = await client.ReceiveCloseAsync();
        Assert.Equal(4401, code);
        Assert.Contains("revoked", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sse_reads_the_token_from_the_request_header()
    {
        using var anonymous = server.CreateAnonymousHttpClient();
        using (var refused = await SseTestStream.OpenAsync(anonymous, SseTestStream.Post(Created)))
        {
            var next = await refused.ReadAsync("next");
            Assert.Contains("AUTH_NOT_AUTHENTICATED", next.Data, StringComparison.Ordinal);
        }

        using var client = server.CreateAnonymousHttpClient();
        client.DefaultRequestHeaders.Add("X-API-TOKEN", AuthServer.TokenFor(Permissions.Read));
        using var stream = await SseTestStream.OpenAsync(client, SseTestStream.Post("{ connectorById(id: \"github\") { id } }"));
        Assert.Contains("\"github\"", (await stream.ReadAsync("next")).Data, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example", false)]
    [InlineData(AuthServer.AllowedOrigin, true)]
    [InlineData(null, true)]
    public async Task WebSocket_upgrades_from_a_foreign_page_origin_are_refused(string? origin, bool allowed)
    {
        using var socket = WsTestClient.WithTestToken(new System.Net.WebSockets.ClientWebSocket());
        socket.Options.AddSubProtocol(WsTestClient.TransportWs);
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        var connect = socket.ConnectAsync(server.GraphQLWebSocketUri, CancellationToken.None);
        if (allowed)
        {
            await connect;
            Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        }
        else
        {
            await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => connect);
            Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        }
    }

    [Fact]
    public async Task The_servers_own_origin_may_open_a_socket_and_a_foreign_one_no_event_stream()
    {
        using var own = WsTestClient.WithTestToken(new System.Net.WebSockets.ClientWebSocket());
        own.Options.AddSubProtocol(WsTestClient.TransportWs);
        own.Options.SetRequestHeader("Origin", server.BaseAddress.GetLeftPart(UriPartial.Authority));
        await own.ConnectAsync(server.GraphQLWebSocketUri, CancellationToken.None);

        using var client = server.CreateHttpClient();
        var request = SseTestStream.Post(Created);
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<WsTestClient> InitAsync(string token)
    {
        var client = await WsTestClient.ConnectWithAsync(server.GraphQLWebSocketUri, _ => { });
        await client.SendAsync(new { type = "connection_init", payload = new Dictionary<string, string> { ["X-API-TOKEN"] = token } });
        await client.ReceiveAsync("connection_ack");
        return client;
    }
}
