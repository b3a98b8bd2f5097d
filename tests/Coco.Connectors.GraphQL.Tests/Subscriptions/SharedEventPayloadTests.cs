using System.Text;
using System.Threading.Channels;
using Coco.Connectors.Auth;
using Coco.Connectors.Server.Transport;
using Coco.Connectors.Server.Transport.Streaming;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// Inside the server (the engine as the transports run it, no socket): subscribers with the same document and
/// variables receive the very same serialized bytes for an event, so a large connector is executed, masked and
/// serialized once for all of them; a different selection gets its own.
/// </summary>
public sealed class SharedEventPayloadTests(CocoServer server) : IClassFixture<CocoServer>, IAsyncLifetime
{
    private const string Updated = "subscription($id: ID, $withConfig: Boolean!) { onConnectorUpdated(id: $id) { id version config @include(if: $withConfig) } }";
    private const string Changed = "subscription { onConnectorChanged(where: { name: { startsWith: \"shared\" } }) { kind version matches connector { name config } } }";

    private readonly LiveServer _live = new(server);
    private readonly List<Subscription> _subscriptions = [];

    public Task InitializeAsync() => _live.WaitForSubscribersAsync(0);

    public async Task DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            await subscription.DisposeAsync();
        }

        _live.Dispose();
    }

    [Fact]
    public async Task Subscribers_with_the_same_selection_share_one_payload_per_event_and_others_get_their_own()
    {
        var id = await _live.CreateAsync(new { name = "shared one", config = new { token = "shared-tok-91b2", region = "eu" } });
        var first = await SubscribeAsync(Updated, new Inputs(new Dictionary<string, object?> { ["id"] = id, ["withConfig"] = true }));
        var second = await SubscribeAsync(Updated, new Inputs(new Dictionary<string, object?> { ["id"] = id, ["withConfig"] = true }));
        var other = await SubscribeAsync(Updated, new Inputs(new Dictionary<string, object?> { ["id"] = id, ["withConfig"] = false }));
        var changedA = await SubscribeAsync(Changed);
        var changedB = await SubscribeAsync(Changed);
        await _live.WaitForSubscribersAsync(5);

        await _live.UpdateAsync(id, new { description = "x" });

        var (a, b, c) = (await first.NextAsync(), await second.NextAsync(), await other.NextAsync());
        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Contains("\"region\":\"eu\"", Text(a), StringComparison.Ordinal);
        Assert.DoesNotContain("shared-tok-91b2", Text(a), StringComparison.Ordinal);
        Assert.DoesNotContain("config", Text(c), StringComparison.Ordinal);

        // onConnectorChanged builds one event object per outcome for all its subscribers, so it is shared too.
        Assert.Same(await changedA.NextAsync(), await changedB.NextAsync());
    }

    private static string Text(EventPayload payload) => Encoding.UTF8.GetString(payload.Json.Span);

    private async Task<Subscription> SubscribeAsync(string query, Inputs? variables = null)
    {
        var subscription = await Subscription.StartAsync(server, query, variables);
        _subscriptions.Add(subscription);
        return subscription;
    }

    /// <summary>One subscription run by the engine, its events kept as the payloads the transports would send.</summary>
    private sealed class Subscription : IObserver<ExecutionResult>, IAsyncDisposable
    {
        private readonly Channel<ExecutionResult> _events = Channel.CreateUnbounded<ExecutionResult>();
        private AsyncServiceScope _scope;
        private IDisposable? _source;

        public static async Task<Subscription> StartAsync(CocoServer server, string query, Inputs? variables)
        {
            var subscription = new Subscription { _scope = server.Services.CreateAsyncScope() };
            var result = await server.Services.GetRequiredService<GraphQLRunner>().ExecuteAsync(
                new GraphQLRequest { Query = query, Variables = variables }, subscription._scope.ServiceProvider, AllowedOperations.All,
                new Dictionary<string, object?> { [Caller.UserContextKey] = Caller.Anonymous }, CancellationToken.None);
            subscription._source = Assert.Single(result.Streams!).Value.Subscribe(subscription);
            return subscription;
        }

        public async Task<EventPayload> NextAsync()
        {
            using var guard = new CancellationTokenSource(Patience.Limit);
            var result = await _events.Reader.ReadAsync(guard.Token);
            return Assert.IsType<SerializedResult>(result).Payload;
        }

        public void OnNext(ExecutionResult value) => _events.Writer.TryWrite(value);

        public void OnError(Exception error) => _events.Writer.TryComplete(error);

        public void OnCompleted() => _events.Writer.TryComplete();

        public async ValueTask DisposeAsync()
        {
            _source?.Dispose();
            await _scope.DisposeAsync();
        }
    }
}
