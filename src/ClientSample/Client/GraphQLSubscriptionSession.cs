using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Client;

/// <summary>
/// One subscription over its own <c>graphql-transport-ws</c> socket, driven by the consumer's reads (no
/// background task): connect, <c>connection_init</c>, wait for the ack, <c>subscribe</c>, then one result per
/// <c>next</c>. Silence longer than the keep-alive interval sends a <c>ping</c>; no answer in time counts as a lost
/// connection. Once subscribed, a lost connection is reopened with growing pauses and the operation is sent again;
/// a close code that a retry cannot fix, or too many failures in a row, ends it with an exception.
/// </summary>
internal sealed partial class GraphQLSubscriptionSession(GraphQLOperationRequest request, ConnectorClientOptions options, ILogger logger)
    : IAsyncDisposable
{
    private const string SubProtocol = "graphql-transport-ws";
    private const string OperationId = "1";

    private ClientWebSocket? _socket;
    private Task<ServerMessage>? _pendingReceive;
    private bool _subscribedOnce;
    private bool _completed;
    private int _failedAttempts;

    private Uri Endpoint => options.WebSocketEndpoint;

    /// <summary>The next result's <c>data</c>, or null when the server completed the subscription.</summary>
    public async ValueTask<JsonElement?> NextAsync(CancellationToken cancellationToken)
    {
        while (!_completed)
        {
            try
            {
                if (_socket is null)
                {
                    await ConnectAsync(cancellationToken).ConfigureAwait(false);
                }

                var data = await HandleAsync(await ReceiveAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                if (data is not null)
                {
                    return data;
                }
            }
            catch (ConnectionLostException lost)
            {
                await DropConnectionAsync().ConfigureAwait(false);
                if (!_subscribedOnce || lost.Fatal)
                {
                    throw lost.ToTransportException(Endpoint);
                }

                if (++_failedAttempts > options.MaxReconnectAttempts)
                {
                    throw lost.ToTransportException(Endpoint, $"Gave up after {options.MaxReconnectAttempts} reconnection attempts. ");
                }

                var delay = Backoff(_failedAttempts);
                LogReconnecting(request.OperationName, _failedAttempts, delay, lost.Message);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket is { State: WebSocketState.Open } socket)
        {
            try
            {
                // Tell the server to stop, then close; a pending read sees the server's close frame.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                if (!_completed)
                {
                    await SendAsync(socket, writer => WriteMessage(writer, "complete", OperationId), timeout.Token).ConfigureAwait(false);
                }

                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ConnectionLostException or WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The socket is going anyway.
            }
        }

        await DropConnectionAsync().ConfigureAwait(false);
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(SubProtocol);
        if (options.ApiToken is { } token)
        {
            socket.Options.SetRequestHeader(ApiTokenHeader.Name, token);
        }

        _socket = socket;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(Endpoint, timeout.Token).ConfigureAwait(false);
            if (socket.SubProtocol != SubProtocol)
            {
                throw new ConnectionLostException($"the server does not speak {SubProtocol}", fatal: true);
            }

            await SendAsync(socket, WriteInit, timeout.Token).ConfigureAwait(false);
            while (true)
            {
                var message = await ReadMessageAsync(socket, options.MaxMessageBytes, timeout.Token).ConfigureAwait(false);
                if (message.Type == "connection_ack")
                {
                    break;
                }

                if (message.Type == "ping")
                {
                    await SendAsync(socket, writer => WriteMessage(writer, "pong"), timeout.Token).ConfigureAwait(false);
                }
            }

            await SendAsync(socket, WriteSubscribe, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectionLostException($"no connection_ack within {options.ConnectTimeout.TotalSeconds:0.#} s", inner: ex);
        }
        catch (WebSocketException ex)
        {
            throw new ConnectionLostException(ex.Message, inner: ex);
        }

        if (_subscribedOnce)
        {
            LogResubscribed(request.OperationName, _failedAttempts);
        }

        _subscribedOnce = true;
        _failedAttempts = 0;
    }

    private async Task<ServerMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        var socket = _socket!;
        var pending = _pendingReceive ??= ReadMessageAsync(socket, options.MaxMessageBytes, CancellationToken.None);
        var pinged = false;
        while (true)
        {
            try
            {
                var message = await pending.WaitAsync(pinged ? options.KeepAliveTimeout : options.KeepAliveInterval, cancellationToken)
                    .ConfigureAwait(false);
                _pendingReceive = null;
                return message;
            }
            catch (TimeoutException) when (!pinged)
            {
                await SendAsync(socket, writer => WriteMessage(writer, "ping"), cancellationToken).ConfigureAwait(false);
                pinged = true;
            }
            catch (TimeoutException ex)
            {
                throw new ConnectionLostException($"no answer to a ping within {options.KeepAliveTimeout.TotalSeconds:0.#} s", inner: ex);
            }
        }
    }

    private async Task<JsonElement?> HandleAsync(ServerMessage message, CancellationToken cancellationToken)
    {
        switch (message.Type)
        {
            case "next" when message.Id == OperationId:
                return message.Payload is { } payload
                    ? GraphQLResponseReader.ReadData(payload, null)
                    : throw new GraphQLResponseException("The server sent a subscription event without a payload.");
            case "error" when message.Id == OperationId:
                _completed = true;
                throw new GraphQLRequestException(GraphQLResponseReader.ReadErrors(message.Payload ?? default), null);
            case "complete" when message.Id == OperationId:
                _completed = true;
                return null;
            case "ping":
                await SendAsync(_socket!, writer => WriteMessage(writer, "pong"), cancellationToken).ConfigureAwait(false);
                return null;
            default:
                return null; // pong, a late ack, or a message for no operation of ours
        }
    }

    private async Task DropConnectionAsync()
    {
        var socket = _socket;
        var pending = _pendingReceive;
        _socket = null;
        _pendingReceive = null;
        socket?.Dispose();
        if (pending is not null)
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ConnectionLostException or WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The read ended with the socket.
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var doubled = options.ReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
        var capped = Math.Min(doubled, options.MaxReconnectDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4))); // jitter: clients must not all return at once
    }

    private static async Task<ServerMessage> ReadMessageAsync(ClientWebSocket socket, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await AnswerCloseAsync(socket).ConfigureAwait(false);
                    throw new ConnectionLostException(
                        $"the server closed the socket ({(int?)socket.CloseStatus} {socket.CloseStatusDescription})".Replace(" )", ")", StringComparison.Ordinal),
                        socket.CloseStatus);
                }

                buffer.Advance(result.Count);
                if (buffer.WrittenCount > maxBytes)
                {
                    throw new ConnectionLostException($"the server sent a message over {maxBytes} bytes", fatal: true);
                }

                if (result.EndOfMessage)
                {
                    return ServerMessage.Parse(buffer.WrittenSpan);
                }
            }
        }
        catch (WebSocketException ex)
        {
            throw new ConnectionLostException(ex.Message, inner: ex);
        }
    }

    // Completing the close handshake lets a stopping server finish at once instead of waiting for its timeout.
    private static async Task AnswerCloseAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    private static async Task SendAsync(ClientWebSocket socket, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        try
        {
            await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException ex)
        {
            throw new ConnectionLostException(ex.Message, inner: ex);
        }
    }

    private static void WriteMessage(Utf8JsonWriter writer, string type, string? id = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        if (id is not null)
        {
            writer.WriteString("id", id);
        }

        writer.WriteEndObject();
    }

    private void WriteInit(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "connection_init");
        if (options.ApiToken is { } token)
        {
            writer.WriteStartObject("payload");
            writer.WriteString(ApiTokenHeader.Name, token);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private void WriteSubscribe(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", OperationId);
        writer.WriteString("type", "subscribe");
        writer.WritePropertyName("payload");
        request.WriteTo(writer);
        writer.WriteEndObject();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {Operation} lost its connection; reconnecting (attempt {Attempt}) in {Delay}: {Reason}")]
    private partial void LogReconnecting(string operation, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {Operation} subscribed again after {Attempts} failed attempts; events during the gap were missed")]
    private partial void LogResubscribed(string operation, int attempts);
}
