using System.Text;
using Coco.Connectors.Server.Transport.Streaming;
using GraphQL;

namespace Coco.Connectors.Server.Transport.Sse;

/// <summary>
/// Writes one operation's results as graphql-sse events (<c>next</c>, <c>complete</c>) plus keep-alive comments.
/// Events and keep-alives come from different tasks, so writes are serialized. A write, once begun, is only
/// cancelled with the whole stream (<paramref name="streamAborted"/>): cancelling a response write aborts the
/// connection, so an operation's token only cancels the wait for its turn.
/// </summary>
internal sealed class SseEventWriter(HttpResponse response, IGraphQLTextSerializer serializer, CancellationToken streamAborted)
    : IOperationSink, IDisposable
{
    private static readonly byte[] KeepAliveComment = ":\n\n"u8.ToArray();
    private static readonly byte[] CompleteEvent = "event: complete\ndata:\n\n"u8.ToArray();

    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public Task NextAsync(ExecutionResult result, CancellationToken ct) => WriteAsync(NextEvent(result), ct);

    // graphql-sse: errors before execution are reported inside the accepted stream, as a next event.
    public async Task ErrorAsync(ExecutionResult result, CancellationToken ct)
    {
        await NextAsync(result, ct);
        await CompleteAsync(ct);
    }

    public Task CompleteAsync(CancellationToken ct) => WriteAsync(CompleteEvent, ct);

    public async Task KeepAliveAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await WriteAsync(KeepAliveComment, ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The stream has ended or the client left.
        }
    }

    public void Dispose() => _writeLock.Dispose();

    private byte[] NextEvent(ExecutionResult result)
    {
        var json = serializer.Serialize(result);

        // Compact JSON has no raw line breaks; an indented serializer would, and each line needs its own "data:".
        var data = json.Contains('\n', StringComparison.Ordinal) ? json.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\ndata: ", StringComparison.Ordinal) : json;
        return Encoding.UTF8.GetBytes($"event: next\ndata: {data}\n\n");
    }

    private async Task WriteAsync(byte[] bytes, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            await response.Body.WriteAsync(bytes, streamAborted);
            await response.Body.FlushAsync(streamAborted);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
