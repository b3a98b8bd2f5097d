using System.Net;
using System.Net.WebSockets;
using Coco.Connectors.Tests.Infrastructure;
using System.Text;
using System.Text.Json;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>A bare GraphQL WebSocket client over a real socket, speaking raw JSON messages.</summary>
public sealed class WsTestClient : IAsyncDisposable
{
    public const string TransportWs = "graphql-transport-ws";
    public const string ApolloWs = "graphql-ws";

    private readonly HttpMessageInvoker? _invoker;

    private WsTestClient(ClientWebSocket socket, HttpMessageInvoker? invoker = null)
    {
        Socket = socket;
        _invoker = invoker;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>The upgrade request carries the test token (test servers require one; see <see cref="CocoServer"/>).</summary>
    public static ClientWebSocket WithTestToken(ClientWebSocket socket)
    {
        socket.Options.SetRequestHeader("X-API-TOKEN", CocoServer.TestToken);
        return socket;
    }

    public static async Task<WsTestClient> ConnectAsync(Uri uri, params string[] subProtocols)
    {
        var socket = WithTestToken(new ClientWebSocket());
        foreach (var subProtocol in subProtocols.Length == 0 ? [TransportWs] : subProtocols)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        using var timeout = new CancellationTokenSource(Patience.Limit);
        await socket.ConnectAsync(uri, timeout.Token);
        return new WsTestClient(socket);
    }

    /// <summary>Connects with the socket options <paramref name="configure"/> sets (no test token unless it adds one).</summary>
    public static async Task<WsTestClient> ConnectWithAsync(Uri uri, Action<ClientWebSocketOptions> configure, string subProtocol = TransportWs)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(subProtocol);
        configure(socket.Options);
        using var timeout = new CancellationTokenSource(Patience.Limit);
        await socket.ConnectAsync(uri, timeout.Token);
        return new WsTestClient(socket);
    }

    /// <summary>Connects from another loopback address (see <see cref="LoopbackClients"/>): another client to the server.</summary>
    public static async Task<WsTestClient> ConnectFromAsync(IPAddress local, Uri uri, string subProtocol = TransportWs)
    {
        var invoker = new HttpMessageInvoker(LoopbackClients.Handler(local));
        var socket = WithTestToken(new ClientWebSocket());
        socket.Options.AddSubProtocol(subProtocol);
        using var timeout = new CancellationTokenSource(Patience.Limit);
        await socket.ConnectAsync(uri, invoker, timeout.Token);
        return new WsTestClient(socket, invoker);
    }

    /// <summary>Connects from <paramref name="local"/> and completes connection_init.</summary>
    public static async Task<WsTestClient> ConnectAndInitFromAsync(IPAddress local, Uri uri, string subProtocol = TransportWs)
    {
        var client = await ConnectFromAsync(local, uri, subProtocol);
        await client.SendAsync(new { type = "connection_init" });
        await client.ReceiveAsync("connection_ack");
        return client;
    }

    /// <summary>Connects and completes connection_init (skipping Apollo's first keep-alive).</summary>
    public static async Task<WsTestClient> ConnectAndInitAsync(Uri uri, string subProtocol = TransportWs, object? payload = null)
    {
        var client = await ConnectAsync(uri, subProtocol);
        await client.SendAsync(payload is null ? new { type = "connection_init" } : new { type = "connection_init", payload });
        await client.ReceiveAsync("connection_ack");
        return client;
    }

    public Task SendAsync(object message) => SendRawAsync(JsonSerializer.Serialize(message));

    public async Task SendRawAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Patience.Limit);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>Starts an operation with the subprotocol's message (subscribe / start).</summary>
    public Task SubscribeAsync(string id, string query, object? variables = null) => SendAsync(new
    {
        id,
        type = Socket.SubProtocol == ApolloWs ? "start" : "subscribe",
        payload = new { query, variables },
    });

    /// <summary>The next message, skipping server keep-alives (<c>ping</c>, <c>ka</c>) unless asked for them.</summary>
    public async Task<JsonElement> ReceiveAsync(bool skipKeepAlive = true)
    {
        // One deadline for the whole wait: keep-alives arrive forever and must not extend it.
        using var timeout = new CancellationTokenSource(Patience.Limit);
        while (true)
        {
            var message = await ReceiveOrCloseAsync(timeout.Token)
                ?? throw new InvalidOperationException($"The socket closed: {Socket.CloseStatus} {Socket.CloseStatusDescription}");
            if (skipKeepAlive && Type(message) is "ping" or "ka")
            {
                continue;
            }

            return message;
        }
    }

    public async Task<JsonElement> ReceiveAsync(string expectedType)
    {
        var message = await ReceiveAsync(skipKeepAlive: expectedType is not ("ping" or "ka"));
        Assert.True(Type(message) == expectedType, $"Expected '{expectedType}' but got {message}");
        return message;
    }

    /// <summary>Reads until the server's close frame; returns its code and reason.</summary>
    public async Task<(int? Code, string? Reason)> ReceiveCloseAsync()
    {
        while (await ReceiveOrCloseAsync() is not null)
        {
        }

        return ((int?)Socket.CloseStatus, Socket.CloseStatusDescription);
    }

    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(Patience.Limit);
        await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
    }

    public static string? Type(JsonElement message) => message.GetProperty("type").GetString();

    public static string? Id(JsonElement message) => message.TryGetProperty("id", out var id) ? id.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                await CloseAsync();
            }
            catch (WebSocketException)
            {
                // The server may already be gone.
            }
        }

        Socket.Dispose();
        _invoker?.Dispose();
    }

    private async Task<JsonElement?> ReceiveOrCloseAsync(CancellationToken deadline = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        timeout.CancelAfter(Patience.Limit);
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await Socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                if (Socket.State == WebSocketState.CloseReceived)
                {
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }

                return null;
            }

            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                using var document = JsonDocument.Parse(message.ToArray());
                return document.RootElement.Clone();
            }
        }
    }
}
