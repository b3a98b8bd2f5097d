using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Coco.Connectors.Changes;
using Coco.Connectors.GraphQLApi.Limits;
using Coco.Connectors.Server.Transport.Http;
using GraphQL;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// One GraphQL result serialized once, as UTF-8 JSON (<c>{"data":…}</c>), ready to be framed for any transport.
/// Subscribers with the same selection share one instance; it counts once against the server's queued-bytes budget
/// for as long as at least one subscription holds it. As the <c>Data</c> of a <see cref="SerializedResult"/>, any
/// serializer writes it as the result's <c>data</c>, so code that serializes results itself still sees the same JSON.
/// </summary>
[JsonConverter(typeof(DataConverter))]
internal sealed class EventPayload(ReadOnlyMemory<byte> json)
{
    private int _holders;

    public ReadOnlyMemory<byte> Json { get; } = json;

    public int Length => Json.Length;

    /// <summary>The change this event belongs to, when it is one: told when each subscriber's copy is written.</summary>
    public ChangeDispatch? Dispatch { get; set; }

    /// <summary>
    /// The result as JSON, or null when it is longer than <paramref name="maxBytes"/>: the exact check behind the
    /// response budget's lower-bound estimate (it does not count the punctuation or the names of the fields).
    /// </summary>
    public static async ValueTask<EventPayload?> SerializeAsync(IGraphQLSerializer serializer, ExecutionResult result, long maxBytes, CancellationToken ct)
    {
        using var stream = new PooledWriteStream(maxBytes);
        try
        {
            await serializer.WriteAsync(stream, result, ct);
        }
        catch (ResponseTooLargeException)
        {
            return null;
        }

        return new EventPayload(stream.ToArray());
    }

    /// <summary>
    /// For callers that cannot wait (an observer's callback); a result longer than <paramref name="maxBytes"/> becomes
    /// the <c>RESPONSE_TOO_LARGE</c> error instead. Serializing into memory never waits, so this completes at once.
    /// </summary>
    public static EventPayload Serialize(IGraphQLSerializer serializer, ExecutionResult result, long maxBytes)
    {
        var written = SerializeAsync(serializer, result, maxBytes, CancellationToken.None);
        Debug.Assert(written.IsCompleted, "serializing into memory completes synchronously");
        return written.AsTask().GetAwaiter().GetResult()
            ?? SerializeAsync(serializer, TooLarge(maxBytes), long.MaxValue, CancellationToken.None).AsTask().GetAwaiter().GetResult()!;
    }

    /// <summary>The result of an event whose answer is longer than <paramref name="maxBytes"/>.</summary>
    public static ExecutionResult TooLarge(long maxBytes) => new() { Executed = true, Errors = [ResponseBudget.TooLarge(maxBytes)] };

    /// <summary>
    /// One more subscription holds these bytes; the first takes them from <paramref name="server"/>. Unless
    /// <paramref name="force"/>d, the server must have room for them even when others hold them already: a subscriber
    /// with a backlog may not grow it while the server is full, whoever else holds the same event.
    /// </summary>
    public bool TryHold(ByteBudget server, bool force)
    {
        if (!force && !server.HasRoomFor(Length))
        {
            return false;
        }

        while (true)
        {
            var holders = Volatile.Read(ref _holders);
            if (holders > 0)
            {
                if (Interlocked.CompareExchange(ref _holders, holders + 1, holders) == holders)
                {
                    return true;
                }

                continue;
            }

            server.Take(Length);
            if (Interlocked.CompareExchange(ref _holders, 1, 0) == 0)
            {
                return true;
            }

            server.Return(Length); // Another subscription took them first; count as one more holder instead.
        }
    }

    /// <summary>A subscription let go of these bytes; the last one gives them back to <paramref name="server"/>.</summary>
    public void Release(ByteBudget server)
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            server.Return(Length);
        }
    }

    /// <summary>Writes the <c>data</c> member of the payload (the transports send <see cref="Json"/> itself).</summary>
    private sealed class DataConverter : JsonConverter<EventPayload>
    {
        public override EventPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, EventPayload value, JsonSerializerOptions options)
        {
            using var document = JsonDocument.Parse(value.Json);
            document.RootElement.GetProperty("data").WriteTo(writer);
        }
    }
}
