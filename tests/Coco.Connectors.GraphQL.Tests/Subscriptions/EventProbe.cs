using System.Text.Json.Nodes;
using System.Threading.Channels;
using Coco.Connectors.Auth;
using Coco.Connectors.Server.Transport;
using Coco.Connectors.Tests.Infrastructure;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// Runs one subscription inside the server (no transport) and collects its events as JSON, the way a transport
/// would serialize them. Transport tests cover the wire; this isolates the event semantics.
/// </summary>
public sealed class EventProbe : IObserver<ExecutionResult>, IAsyncDisposable
{
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly IGraphQLTextSerializer _serializer;
    private readonly AsyncServiceScope _scope;
    private IDisposable? _subscription;

    private EventProbe(CocoServer server)
    {
        _scope = server.Services.CreateAsyncScope();
        _serializer = server.Services.GetRequiredService<IGraphQLTextSerializer>();
    }

    public static async Task<EventProbe> StartAsync(CocoServer server, string document, Inputs? variables = null)
    {
        var probe = new EventProbe(server);
        var runner = server.Services.GetRequiredService<GraphQLRunner>();
        var result = await runner.ExecuteAsync(new GraphQLRequest { Query = document, Variables = variables },
            probe._scope.ServiceProvider, AllowedOperations.All,
            new Dictionary<string, object?> { [Caller.UserContextKey] = Caller.Anonymous }, CancellationToken.None);
        if (result.Streams is not { Count: 1 })
        {
            throw new InvalidOperationException("not a subscription: " + probe._serializer.Serialize(result));
        }

        probe._subscription = result.Streams.Values.Single().Subscribe(probe);
        return probe;
    }

    /// <summary>The next event, or a failure after a generous wait (a hang guard, not a timing assertion).</summary>
    public async Task<JsonObject> NextAsync()
    {
        using var guard = new CancellationTokenSource(Patience.Limit);
        return await _events.Reader.ReadAsync(guard.Token);
    }

    public void OnNext(ExecutionResult value) => _events.Writer.TryWrite(JsonNode.Parse(_serializer.Serialize(value))!.AsObject());

    public void OnError(Exception error) => _events.Writer.TryWrite(new JsonObject { ["streamError"] = error.Message });

    public void OnCompleted() => _events.Writer.TryWrite(new JsonObject { ["completed"] = true });

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _scope.DisposeAsync();
    }
}
