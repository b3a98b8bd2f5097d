using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Changes;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.Extensions.DependencyInjection;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// A WebSocket client for the real connector schema, over <see cref="WsTestClient"/>: it keeps the raw text of every
/// frame it received (to prove that no secret ever crossed the wire) and sorts messages by operation id, so many
/// operations can share one socket and be read in any order.
/// </summary>
public sealed class LiveSocket : IAsyncDisposable
{
    private readonly Dictionary<string, Queue<JsonElement>> _pending = [];
    private readonly List<string> _frames = [];

    private LiveSocket(WsTestClient client) => Client = client;

    public WsTestClient Client { get; }

    /// <summary>Every frame received so far, keep-alives included, as sent by the server.</summary>
    public IReadOnlyList<string> Frames => _frames;

    /// <summary>The message type that carries a result: <c>next</c> (graphql-transport-ws) or <c>data</c> (graphql-ws).</summary>
    public string DataType => Client.Socket.SubProtocol == ApolloWs ? "data" : "next";

    public static async Task<LiveSocket> ConnectAsync(CocoServer server, string subProtocol = TransportWs) =>
        new(await ConnectAndInitAsync(server.GraphQLWebSocketUri, subProtocol));

    public Task SubscribeAsync(string id, string query, object? variables = null) => Client.SubscribeAsync(id, query, variables);

    /// <summary>Stops an operation: <c>complete</c> (graphql-transport-ws) or <c>stop</c> (graphql-ws).</summary>
    public Task StopAsync(string id) =>
        Client.SendAsync(new { id, type = Client.Socket.SubProtocol == ApolloWs ? "stop" : "complete" });

    /// <summary>The next message for operation <paramref name="id"/> (messages of other operations wait their turn).</summary>
    public async Task<JsonElement> NextMessageAsync(string id)
    {
        while (true)
        {
            if (_pending.TryGetValue(id, out var queue) && queue.TryDequeue(out var waiting))
            {
                return waiting;
            }

            var message = await Client.ReceiveAsync(skipKeepAlive: false);
            _frames.Add(message.GetRawText());
            if (Type(message) is "ping" or "ka")
            {
                continue;
            }

            var key = Id(message) ?? "";
            if (key == id)
            {
                return message;
            }

            _pending.TryAdd(key, new Queue<JsonElement>());
            _pending[key].Enqueue(message);
        }
    }

    /// <summary>The next message for <paramref name="id"/>, which must be of type <paramref name="type"/>.</summary>
    public async Task<JsonElement> NextMessageAsync(string id, string type)
    {
        var message = await NextMessageAsync(id);
        Assert.True(Type(message) == type, $"Expected '{type}' for operation '{id}' but got {message}");
        return message;
    }

    /// <summary>The next result of <paramref name="id"/>, which must have no errors; returns its <c>data</c>.</summary>
    public async Task<JsonNode> NextDataAsync(string id)
    {
        var message = await NextMessageAsync(id, DataType);
        var payload = JsonNode.Parse(message.GetProperty("payload").GetRawText())!;
        Assert.True(payload["errors"] is null, $"Expected no errors for '{id}': {message}");
        return payload["data"]!;
    }

    /// <summary>True when nothing is waiting for <paramref name="id"/> among the messages read so far.</summary>
    public bool NothingPendingFor(string id) => !_pending.TryGetValue(id, out var queue) || queue.Count == 0;

    /// <summary>A ping answered by its pong (graphql-transport-ws only): every frame written before the pong has been read.</summary>
    public async Task RoundTripAsync()
    {
        await Client.SendAsync(new { type = "ping", payload = new { marker = "sync" } });
        while (true)
        {
            var message = await Client.ReceiveAsync(skipKeepAlive: false);
            _frames.Add(message.GetRawText());
            if (Type(message) == "pong")
            {
                return;
            }

            if (Type(message) is not ("ping" or "ka"))
            {
                var key = Id(message) ?? "";
                _pending.TryAdd(key, new Queue<JsonElement>());
                _pending[key].Enqueue(message);
            }
        }
    }

    public void AssertNeverSent(params string[] secrets)
    {
        Assert.NotEmpty(_frames);
        foreach (var frame in _frames)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, frame, StringComparison.Ordinal);
            }
        }
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
