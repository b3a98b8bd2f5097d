using System.Text.Json;
using Coco.Connectors.Server.Transport.Streaming;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.Extensions.DependencyInjection;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// Writes to one large connector again and again until the subscribers that do not read have been released. Each write
/// waits until a reading subscriber has the event of the previous one, so the reader never has a backlog however
/// loaded the machine is; nothing waits for a duration, every step waits for an outcome.
/// </summary>
public sealed class PacedFlood(CocoServer server, LiveServer live)
{
    public const string Token = "flood-tok-5e1f0a";
    public const string Query = "subscription($id: ID) { onConnectorUpdated(id: $id) { id version description config } }";

    /// <summary>About 240 KB of config per event (a connector's config may have 256 KiB).</summary>
    public static readonly string Blob = string.Concat(Enumerable.Repeat("0123456789abcdef", 240 * 1024 / 16));

    public int Writes { get; private set; }

    /// <summary>The most the server had queued for its clients after any write (shared bytes counted once).</summary>
    public long MaxQueuedBytes { get; private set; }

    public Task<string> CreateConnectorAsync() => live.CreateAsync(new { name = "flooded", description = "d", config = new { token = Token, blob = Blob } });

    /// <summary>Writes until only <paramref name="readers"/> subscribers are left; the reader checks every event's version.</summary>
    public async Task RunAsync(string id, LiveSocket reader, string readerId, int readers = 1, int maxWrites = 400)
    {
        var streamer = server.Services.GetRequiredService<OperationStreamer>();
        while (live.Subscribers > readers)
        {
            Assert.True(Writes < maxWrites,
                $"{Writes} writes of {Blob.Length / 1024} KB did not release the non-reading subscribers ({live.Subscribers} subscribers left)");
            Writes++;
            await live.UpdateAsync(id, new { description = $"write {Writes}" });
            var updated = (await reader.NextDataAsync(readerId))["onConnectorUpdated"]!;
            Assert.Equal(1 + Writes, (int)updated["version"]!);
            MaxQueuedBytes = Math.Max(MaxQueuedBytes, streamer.QueuedBytes);
        }
    }

    /// <summary>
    /// Reads what a paused WebSocket subscriber got: events in order from the first write with no gap, then the
    /// SLOW_CONSUMER error, then complete. Returns how many events arrived.
    /// </summary>
    public async Task<int> DrainAsync(LiveSocket socket, string id)
    {
        var versions = new List<int>();
        JsonElement message;
        while (Type(message = await socket.NextMessageAsync(id)) == socket.DataType && !IsSlowConsumer(message.GetProperty("payload")))
        {
            versions.Add(message.GetProperty("payload").GetProperty("data").GetProperty("onConnectorUpdated").GetProperty("version").GetInt32());
        }

        Assert.True(Type(message) == socket.DataType && IsSlowConsumer(message.GetProperty("payload")), $"Expected SLOW_CONSUMER for '{id}' but got {Type(message)}");
        await socket.NextMessageAsync(id, "complete");
        socket.AssertNeverSent(Token);
        return CheckDelivered(versions);
    }

    /// <summary>The same for an SSE stream that was not read.</summary>
    public async Task<int> DrainAsync(SseTestStream stream)
    {
        var versions = new List<int>();
        SseEvent next;
        while ((next = await stream.ReadAsync("next")).Json() is var result && !IsSlowConsumer(result))
        {
            Assert.DoesNotContain(Token, next.Data, StringComparison.Ordinal);
            versions.Add(result.GetProperty("data").GetProperty("onConnectorUpdated").GetProperty("version").GetInt32());
        }

        await stream.ReadAsync("complete");
        return CheckDelivered(versions);
    }

    // What did arrive came in order from the first write, with no gap, and not everything arrived.
    private int CheckDelivered(List<int> versions)
    {
        Assert.Equal(Enumerable.Range(2, versions.Count), versions);
        Assert.InRange(versions.Count, 0, Writes - 1);
        return versions.Count;
    }

    public static bool IsSlowConsumer(JsonElement result) =>
        result.TryGetProperty("errors", out var errors)
        && errors[0].TryGetProperty("extensions", out var extensions)
        && extensions.GetProperty("code").GetString() == "SLOW_CONSUMER";
}
