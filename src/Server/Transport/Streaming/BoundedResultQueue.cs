using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GraphQL;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// Observes one subscription stream and keeps at most <c>capacity</c> results waiting for the client.
/// The stream's callbacks never block (they arrive on the publisher's thread); when the queue is full the
/// queue marks itself overflowed and stops, <see cref="Overflow"/> fires, and the reader drops the backlog.
/// </summary>
internal sealed class BoundedResultQueue(int capacity) : IObserver<ExecutionResult>
{
    private readonly Channel<ExecutionResult> _channel = Channel.CreateBounded<ExecutionResult>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly CancellationTokenSource _overflow = new();
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
        if (!_channel.Writer.TryWrite(value) && _channel.Writer.TryComplete())
        {
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

    public async IAsyncEnumerable<ExecutionResult> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        while (await _channel.Reader.WaitToReadAsync(ct))
        {
            while (!_overflowed && _channel.Reader.TryRead(out var result))
            {
                yield return result;
            }

            if (_overflowed)
            {
                yield break;
            }
        }
    }
}
