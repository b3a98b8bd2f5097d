using System.Net;
using System.Text.Json;
using Coco.Connectors.Server.Transport.Streaming;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.Extensions.DependencyInjection;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// The caps on WebSockets, SSE streams and subscriptions, per client and for the whole server, over real sockets. Each
/// client is a loopback address of its own (127.0.0.1, .2, .3); every refusal carries the documented code, and a
/// place given back is taken again.
/// </summary>
public sealed class StreamingCapsTests(CappedCocoServer server) : IClassFixture<CappedCocoServer>, IAsyncLifetime
{
    private const string Subscription = "subscription { onConnectorCreated { id } }";
    private static readonly IPAddress First = LoopbackClients.Address(1), Second = LoopbackClients.Address(2), Third = LoopbackClients.Address(3);

    private readonly LiveServer _live = new(server);

    private StreamingAdmission Admission => server.Services.GetRequiredService<StreamingAdmission>();

    public Task InitializeAsync() => Eventually.TrueAsync(
        () => Enum.GetValues<StreamKind>().All(kind => Admission.Count(kind) == 0) && _live.Subscribers == 0, "the previous test's streams are closed");

    public Task DisposeAsync()
    {
        _live.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(TransportWs)]
    [InlineData(ApolloWs)]
    public async Task A_socket_over_its_clients_cap_is_closed_with_4429_and_one_over_the_servers_cap_with_1013(string subProtocol)
    {
        var uri = server.GraphQLWebSocketUri;
        var open = new List<WsTestClient>();
        try
        {
            for (var i = 0; i < CappedCocoServer.SocketsPerClient; i++)
            {
                open.Add(await ConnectAndInitFromAsync(First, uri, subProtocol));
            }

            await using (var refused = await ConnectFromAsync(First, uri, subProtocol))
            {
                var (code, reason) = await refused.ReceiveCloseAsync();
                Assert.Equal(4429, code);
                Assert.Equal($"Too many connections from this client (at most {CappedCocoServer.SocketsPerClient}).", reason);
            }

            // Another client still gets in, up to the server's cap; then nobody does.
            open.Add(await ConnectAndInitFromAsync(Second, uri, subProtocol));
            await using (var full = await ConnectFromAsync(Third, uri, subProtocol))
            {
                var (code, reason) = await full.ReceiveCloseAsync();
                Assert.Equal(1013, code);
                Assert.Contains("try again later", reason, StringComparison.Ordinal);
            }

            // A socket that closes gives its place back.
            await open[0].CloseAsync();
            await Eventually.TrueAsync(() => Admission.Count(StreamKind.WebSocket) == CappedCocoServer.Sockets - 1, "the closed socket's place is free");
            open.Add(await ConnectAndInitFromAsync(First, uri, subProtocol));
        }
        finally
        {
            foreach (var client in open)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task An_sse_stream_over_its_clients_cap_is_answered_429_and_one_over_the_servers_cap_503()
    {
        using var first = LoopbackClients.HttpClient(server, First);
        using var second = LoopbackClients.HttpClient(server, Second);
        using var third = LoopbackClients.HttpClient(server, Third);
        var open = new List<SseTestStream>();
        try
        {
            for (var i = 0; i < CappedCocoServer.StreamsPerClient; i++)
            {
                open.Add(await OpenStreamAsync(first));
            }

            await AssertRefusedAsync(first, HttpStatusCode.TooManyRequests, "TOO_MANY_STREAMS",
                $"Too many event streams from this client: at most {CappedCocoServer.StreamsPerClient} may be open at the same time.");
            open.Add(await OpenStreamAsync(second));
            await AssertRefusedAsync(third, HttpStatusCode.ServiceUnavailable, "SERVER_BUSY",
                $"The server has as many event streams open as it allows ({CappedCocoServer.Streams}); try again later.");

            open[0].Dispose();
            await Eventually.TrueAsync(() => Admission.Count(StreamKind.EventStream) == CappedCocoServer.Streams - 1, "the closed stream's place is free");
            open.Add(await OpenStreamAsync(third));
        }
        finally
        {
            open.ForEach(stream => stream.Dispose());
        }
    }

    [Theory]
    [InlineData(TransportWs)]
    [InlineData(ApolloWs)]
    public async Task A_subscription_over_a_cap_is_refused_with_an_error_while_the_socket_and_its_other_subscriptions_go_on(string subProtocol)
    {
        await using var socket = await LiveSocket.ConnectAsync(server, subProtocol); // from 127.0.0.1, like First
        for (var i = 1; i <= CappedCocoServer.SubscriptionsPerClient; i++)
        {
            await socket.SubscribeAsync($"s{i}", Subscription);
        }

        await _live.WaitForSubscribersAsync(CappedCocoServer.SubscriptionsPerClient);
        await socket.SubscribeAsync("over", Subscription);
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", ErrorCode(await socket.NextMessageAsync("over", "error")));

        // Every SSE stream takes a subscription place, so this client cannot open one either.
        using (var first = LoopbackClients.HttpClient(server, First))
        {
            await AssertRefusedAsync(first, HttpStatusCode.TooManyRequests, "TOO_MANY_SUBSCRIPTIONS",
                $"Too many subscriptions from this client: at most {CappedCocoServer.SubscriptionsPerClient} may be open at the same time.");
        }

        // Another client gets the server's last place, then the server is full for everyone.
        await using var other = await ConnectAndInitFromAsync(Second, server.GraphQLWebSocketUri, subProtocol);
        await other.SubscribeAsync("t1", Subscription);
        await _live.WaitForSubscribersAsync(CappedCocoServer.Subscriptions);
        await other.SubscribeAsync("t2", Subscription);
        var busy = await other.ReceiveAsync("error");
        Assert.Equal(("t2", "SERVER_BUSY"), (Id(busy), ErrorCode(busy)));
        using (var second = LoopbackClients.HttpClient(server, Second))
        {
            await AssertRefusedAsync(second, HttpStatusCode.ServiceUnavailable, "SERVER_BUSY",
                $"The server has as many subscriptions open as it allows ({CappedCocoServer.Subscriptions}); try again later.");
        }

        // The admitted subscriptions run; a stopped one gives its place back.
        var id = await _live.CreateAsync(new { name = "capped" });
        for (var i = 1; i <= CappedCocoServer.SubscriptionsPerClient; i++)
        {
            Assert.Equal(id, (string?)(await socket.NextDataAsync($"s{i}"))["onConnectorCreated"]!["id"]);
        }

        await socket.StopAsync("s1");
        await Eventually.TrueAsync(() => Admission.Count(StreamKind.Subscription) == CappedCocoServer.Subscriptions - 1, "the stopped subscription's place is free");
        await socket.SubscribeAsync("again", Subscription);
        await _live.WaitForSubscribersAsync(CappedCocoServer.Subscriptions);
        var next = await _live.CreateAsync(new { name = "capped again" });
        Assert.Equal(next, (string?)(await socket.NextDataAsync("again"))["onConnectorCreated"]!["id"]);
    }

    private static async Task<SseTestStream> OpenStreamAsync(HttpClient client)
    {
        var stream = await SseTestStream.OpenAsync(client, SseTestStream.Post(Subscription));
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        return stream;
    }

    private static async Task AssertRefusedAsync(HttpClient client, HttpStatusCode status, string code, string message)
    {
        using var response = await client.SendAsync(SseTestStream.Post(Subscription));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal((message, code), (error.GetProperty("message").GetString(), error.GetProperty("extensions").GetProperty("code").GetString()));
    }

    // graphql-transport-ws sends the errors as the payload; graphql-ws as the payload's "errors".
    private static string? ErrorCode(JsonElement message)
    {
        var payload = message.GetProperty("payload");
        var errors = payload.ValueKind == JsonValueKind.Array ? payload : payload.GetProperty("errors");
        return errors[0].GetProperty("extensions").GetProperty("code").GetString();
    }
}
