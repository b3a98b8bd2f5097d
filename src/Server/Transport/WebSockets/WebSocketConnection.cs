using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Coco.Connectors.GraphQLApi.Limits;

namespace Coco.Connectors.Server.Transport.WebSockets;

/// <summary>
/// Owns one accepted WebSocket: a read loop that hands each complete text message to the protocol, and a single
/// writer that sends queued frames one at a time (a WebSocket allows only one send in flight). Senders await their
/// frame being written, so a client that stops reading slows its producers down instead of growing a buffer.
/// A sender that finds nothing queued and no send in flight writes its frame itself: with thousands of sockets
/// receiving one event, the queue and the writer's wake-up per frame would cost more than the send.
/// </summary>
internal sealed partial class WebSocketConnection(WebSocket socket, int maxMessageSize, ILogger logger)
{
    /// <summary>How long a closing handshake may take before the socket is simply aborted.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    // Smaller results are copied into one frame (every client reads those); larger ones are sent as fragments.
    private const int FragmentAbove = 16 * 1024;

    // Senders wait for their frame, so only about one frame per operation is ever queued; the bound is a backstop.
    // Unlike the unbounded channel, the bounded one allocates its buffer on demand, which matters for thousands of
    // idle sockets.
    private readonly Channel<Outgoing> _outbox = Channel.CreateBounded<Outgoing>(
        new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    // Cancelled when the socket must go now: a closing handshake took too long, or the request was aborted.
    // Not disposed: late Close calls (timers, shutdown) may still touch it after the connection ended.
    private readonly CancellationTokenSource _deadline = new();
    // Held by whoever sends a frame: the writer loop, or a sender writing directly.
    private readonly SemaphoreSlim _sending = new(1, 1);
    private int _closeRequested;

    /// <summary>True once a close was requested by either side: no new work should start.</summary>
    public bool IsClosing => Volatile.Read(ref _closeRequested) == 1;

    /// <summary>
    /// Queues one text frame; the task completes once it is written, or dropped because the connection is closing
    /// or <paramref name="ct"/> (the operation it belongs to) was cancelled. It never throws for those reasons
    /// except for <paramref name="ct"/> itself.
    /// </summary>
    public Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken ct = default) => SendAsync(frame, default, default, ct);

    /// <summary>
    /// Queues one text message made of three parts, e.g. an envelope around a result whose bytes are shared with other
    /// subscribers. A large middle part goes out as fragments of the same message rather than being copied.
    /// </summary>
    public async Task SendAsync(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> body, ReadOnlyMemory<byte> tail, CancellationToken ct = default)
    {
        var parts = body.Length > FragmentAbove ? new Parts(head, body, tail) : new Parts(Join(head, body, tail), default, default);
        if (!IsClosing && _outbox.Reader.Count == 0 && _sending.Wait(0))
        {
            // Nothing queued and nobody sending: this frame goes out now, on the caller's thread. Frames queued
            // meanwhile wait for it (the writer takes the same gate), so a socket never has two sends in flight.
            var write = WriteDirectlyAsync(parts, ct);
            await (write.IsCompleted ? write : write.WaitAsync(ct));
            return;
        }

        var item = new Outgoing(parts, null, ct);
        try
        {
            await _outbox.Writer.WriteAsync(item, ct);
        }
        catch (ChannelClosedException)
        {
            return; // Closing: nothing more is sent.
        }

        await item.Written.Task.WaitAsync(ct);
    }

    // Called holding the gate; gives it back once the frame is written, even when the sender stopped waiting.
    private async Task WriteDirectlyAsync(Parts parts, CancellationToken ct)
    {
        try
        {
            if (!IsClosing && !ct.IsCancellationRequested)
            {
                await WriteAsync(parts);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The socket broke under this send: the read loop sees it too and ends the connection.
            LogBroken(ex.Message);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Sends a close frame after the frames already queued; later frames are dropped. Idempotent.</summary>
    public void Close(WebSocketCloseStatus status, string? reason)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 1)
        {
            return;
        }

        LogClosing((int)status, reason);
        _outbox.Writer.TryWrite(new Outgoing(default, new CloseFrame(status, FitCloseReason(reason)), CancellationToken.None));
        _outbox.Writer.TryComplete();
        _deadline.CancelAfter(CloseTimeout);
    }

    /// <summary>Runs until the socket is closed (by either side) or broken; <paramref name="aborted"/> ends it at once.</summary>
    public async Task RunAsync(Func<ReadOnlyMemory<byte>, Task> onMessage, CancellationToken aborted)
    {
        using var abort = aborted.Register(() => _deadline.Cancel());
        var writer = WriteLoopAsync();
        try
        {
            await ReadLoopAsync(onMessage);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            LogBroken(ex.Message);
        }
        finally
        {
            // The peer is gone or has closed: answer its close if we have not, then stop the writer.
            Close(WebSocketCloseStatus.NormalClosure, null);
            await writer;
        }
    }

    // A close frame carries at most 123 bytes of reason; a longer one (e.g. a long operation id) is cut.
    private static string? FitCloseReason(string? reason)
    {
        const int MaxBytes = 123;
        while (reason is not null && Encoding.UTF8.GetByteCount(reason) > MaxBytes)
        {
            reason = reason[..^1];
        }

        return reason;
    }

    // Idle sockets are most of them, so each holds only a small read buffer; messages that span several reads are
    // assembled in a writer that is created on demand and dropped again when it grew large.
    private const int ReadBufferSize = 512;

    private async Task ReadLoopAsync(Func<ReadOnlyMemory<byte>, Task> onMessage)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        ArrayBufferWriter<byte>? message = null;
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), _deadline.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    Close(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription);
                    return;
                }

                if (IsClosing)
                {
                    continue; // Only the peer's close frame matters now.
                }

                var pending = message?.WrittenCount ?? 0;
                if (pending + received.Count > maxMessageSize)
                {
                    Close(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {maxMessageSize} bytes.");
                    message = null;
                    continue;
                }

                if (received.EndOfMessage && pending == 0)
                {
                    await onMessage(buffer.AsMemory(0, received.Count));
                    continue;
                }

                message ??= new ArrayBufferWriter<byte>();
                message.Write(buffer.AsSpan(0, received.Count));
                if (received.EndOfMessage)
                {
                    await onMessage(message.WrittenMemory);
                    if (message.Capacity > 16 * 1024)
                    {
                        message = null;
                    }
                    else
                    {
                        message.ResetWrittenCount();
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var item in _outbox.Reader.ReadAllAsync(_deadline.Token))
            {
                await _sending.WaitAsync(_deadline.Token);
                try
                {
                    if (item.Close is { } close)
                    {
                        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                        {
                            await socket.CloseOutputAsync(close.Status, close.Reason, _deadline.Token);
                        }

                        item.Written.TrySetResult();
                        break;
                    }

                    if (!item.Cancellation.IsCancellationRequested)
                    {
                        await WriteAsync(item.Frame);
                    }
                }
                finally
                {
                    _sending.Release();
                }

                item.Written.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            LogBroken(ex.Message);
        }
        finally
        {
            // Whatever is still queued will never be written: release its senders.
            _outbox.Writer.TryComplete();
            while (_outbox.Reader.TryRead(out var rest))
            {
                rest.Written.TrySetResult();
            }
        }
    }

    // Once begun, a message is written whole: nothing may be interleaved with its fragments.
    private async Task WriteAsync(Parts parts)
    {
        if (parts.Body.IsEmpty && parts.Tail.IsEmpty)
        {
            await socket.SendAsync(parts.Head, WebSocketMessageType.Text, endOfMessage: true, _deadline.Token);
            return;
        }

        await socket.SendAsync(parts.Head, WebSocketMessageType.Text, endOfMessage: false, _deadline.Token);
        await socket.SendAsync(parts.Body, WebSocketMessageType.Text, endOfMessage: false, _deadline.Token);
        await socket.SendAsync(parts.Tail, WebSocketMessageType.Text, endOfMessage: true, _deadline.Token);
    }

    private static ReadOnlyMemory<byte> Join(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> body, ReadOnlyMemory<byte> tail)
    {
        if (body.IsEmpty && tail.IsEmpty)
        {
            return head;
        }

        var joined = new byte[head.Length + body.Length + tail.Length];
        head.CopyTo(joined);
        body.CopyTo(joined.AsMemory(head.Length));
        tail.CopyTo(joined.AsMemory(head.Length + body.Length));
        return joined;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the GraphQL WebSocket with {Status} {Reason}")]
    private partial void LogClosing(int status, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The GraphQL WebSocket ended abruptly: {Reason}")]
    private partial void LogBroken(string reason);

    private sealed record CloseFrame(WebSocketCloseStatus Status, string? Reason);

    private readonly record struct Parts(ReadOnlyMemory<byte> Head, ReadOnlyMemory<byte> Body, ReadOnlyMemory<byte> Tail);

    private sealed class Outgoing(Parts frame, CloseFrame? close, CancellationToken cancellation)
    {
        public Parts Frame { get; } = frame;

        public CloseFrame? Close { get; } = close;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
