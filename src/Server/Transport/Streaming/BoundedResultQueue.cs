using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GraphQL;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// Observes one subscription stream and keeps its results, serialized, until the client has them. The queue is
/// bounded twice: by count (<c>capacity</c>) and by bytes — the subscription's budget, inside its connection's, and the
/// server's, which counts bytes shared by many subscribers once. A result counts from the moment it is queued until it
/// is written. A result reaching a subscription with nothing queued is always taken: the subscriptions stopped when a
/// connection's or the server's budget is full are those with a backlog, never one that keeps up. The stream's
/// callbacks never block (they arrive on the publisher's thread); when a bound is exceeded the queue marks itself
/// overflowed and stops, <see cref="Overflow"/> fires, and the reader drops the backlog.
/// </summary>
internal sealed class BoundedResultQueue(int capacity, ByteBudget bytes, ByteBudget server, Func<ExecutionResult, EventPayload> serialize)
    : IObserver<ExecutionResult>, IDisposable
{
    private readonly Channel<EventPayload> _channel = Channel.CreateBounded<EventPayload>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly CancellationTokenSource _overflow = new();
    private volatile bool _ended;
    private volatile bool _overflowed;
    private volatile ExecutionError? _failure;

    /// <summary>The client did not keep up and events were lost; the reader must say so.</summary>
    public bool Overflowed => _overflowed;

    /// <summary>Cancelled when the queue overflows, so the source and a pending send can be let go at once.</summary>
    public CancellationToken Overflow => _overflow.Token;

    /// <summary>The stream ended with an error (already converted to a GraphQL error by the engine).</summary>
    public ExecutionError? Failure => _failure;

    public void OnNext(ExecutionResult value)
    {
        if (_ended)
        {
            return;
        }

        var payload = value is SerializedResult shared ? shared.Payload : serialize(value);
        if (!TryAdmit(payload) && _channel.Writer.TryComplete())
        {
            _ended = true;
            _overflowed = true;

            // Not on the publisher's thread: the callbacks unsubscribe from the very stream that is calling us.
            ThreadPool.QueueUserWorkItem(static overflow => overflow.Cancel(), _overflow, preferLocal: false);
        }
    }

    public void OnError(Exception error)
    {
        _failure = error as ExecutionError ?? new ExecutionError(error.Message, error);
        _channel.Writer.TryComplete();
    }

    public void OnCompleted() => _channel.Writer.TryComplete();

    /// <summary>The results in order; give each back with <see cref="Release"/> once it is written (or dropped).</summary>
    public async IAsyncEnumerable<EventPayload> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        while (await _channel.Reader.WaitToReadAsync(ct))
        {
            while (!_overflowed && _channel.Reader.TryRead(out var payload))
            {
                yield return payload;
            }

            if (_overflowed)
            {
                yield break;
            }
        }
    }

    public void Release(EventPayload payload)
    {
        bytes.Return(payload.Length);
        payload.Release(server);
        payload.Dispatch?.Written();
    }

    /// <summary>Stops taking results and releases whatever is still queued.</summary>
    public void Dispose()
    {
        _ended = true;
        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out var payload))
        {
            Release(payload);
        }
    }

    // Only the reader gives bytes back, so a subscription seen empty here is one that has kept up.
    private bool TryAdmit(EventPayload payload)
    {
        var keptUp = bytes.Used == 0;
        if (!bytes.TryTake(payload.Length, force: keptUp))
        {
            return false;
        }

        if (!payload.TryHold(server, force: keptUp))
        {
            bytes.Return(payload.Length);
            return false;
        }

        payload.Dispatch?.Queued();
        if (_channel.Writer.TryWrite(payload))
        {
            return true;
        }

        Release(payload);
        return false;
    }
}
