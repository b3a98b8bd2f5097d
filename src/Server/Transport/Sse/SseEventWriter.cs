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
    private static readonly byte[] NextHead = "event: next\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    private readonly SemaphoreSlim _writeLock = new(1, 1);

    // The result's bytes may be shared with other subscribers: they are written as they are, between head and end.
    public Task NextAsync(ReadOnlyMemory<byte> resultJson, CancellationToken ct) =>
        resultJson.Span.IndexOfAny((byte)'\n', (byte)'\r') < 0
            ? WriteAsync(NextHead, resultJson, EventEnd, ct)
            : WriteAsync(MultiLineEvent(resultJson.Span), default, default, ct);

    // graphql-sse: errors before execution are reported inside the accepted stream, as a next event.
    public async Task ErrorAsync(ExecutionResult result, CancellationToken ct)
    {
        await NextAsync(Encoding.UTF8.GetBytes(serializer.Serialize(result)), ct);
        await CompleteAsync(ct);
    }

    public Task CompleteAsync(CancellationToken ct) => WriteAsync(CompleteEvent, default, default, ct);

    public async Task KeepAliveAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await WriteAsync(KeepAliveComment, default, default, ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The stream has ended or the client left.
        }
    }

    public void Dispose() => _writeLock.Dispose();

    // Compact JSON has no raw line breaks; an indented serializer would, and each line needs its own "data:".
    private static byte[] MultiLineEvent(ReadOnlySpan<byte> json)
    {
        var data = Encoding.UTF8.GetString(json).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\ndata: ", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes($"event: next\ndata: {data}\n\n");
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> body, ReadOnlyMemory<byte> tail, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            await response.Body.WriteAsync(head, streamAborted);
            if (!body.IsEmpty || !tail.IsEmpty)
            {
                await response.Body.WriteAsync(body, streamAborted);
                await response.Body.WriteAsync(tail, streamAborted);
            }

            await response.Body.FlushAsync(streamAborted);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
