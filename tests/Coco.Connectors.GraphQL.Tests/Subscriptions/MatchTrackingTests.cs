using System.Net.Http.Json;
using System.Threading.Channels;
using Coco.Connectors.Changes;
using Coco.Connectors.GraphQLApi.Filtering;
using Coco.Connectors.Observability;
using Coco.Connectors.Querying;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// What <c>onConnectorChanged(where:)</c> remembers per filter, read from the counts the dispatcher exposes: nothing
/// when every change carries the state it replaced (one instance), and otherwise one set of matching ids per distinct
/// filter however many subscriptions share it, within the server's allowance, forgotten with the last subscription.
/// Dispatchers over a feed of the test's own stand for "changes from another instance" over the server's real store.
/// </summary>
public sealed class MatchTrackingTests(CocoServer server) : IClassFixture<CocoServer>
{
    private const int Matching = 30;
    private const int Subscriptions = 50;

    [Fact]
    public async Task Identical_filters_share_one_set_that_goes_with_the_last_subscription()
    {
        using var client = new GraphQLTestClient(server);
        var prefix = $"mt-share-{Guid.NewGuid():N}-";
        var members = await CreateAsync(client, prefix, Matching);
        var feed = new ForeignFeed();
        using var dispatcher = Dispatcher(feed, new MatchTrackingOptions());

        // The same filter written with its fields in either order is one filter.
        var subscriptions = Enumerable.Range(0, Subscriptions).Select(i => Subscribe(dispatcher, i % 2 == 0
            ? new Dictionary<string, object?> { ["name"] = StartsWith(prefix), ["enabled"] = Eq(true) }
            : new Dictionary<string, object?> { ["enabled"] = Eq(true), ["name"] = StartsWith(prefix) })).ToList();
        await Eventually.TrueAsync(() => dispatcher.TrackedIds == Matching, $"one set of {Matching} ids is tracked");
        Assert.Equal(1, dispatcher.TrackedFilters);

        var other = Subscribe(dispatcher, new Dictionary<string, object?> { ["name"] = StartsWith(prefix), ["description"] = Eq(null) });
        await Eventually.TrueAsync(() => dispatcher.TrackedIds == 2 * Matching, "a different filter gets a set of its own");
        Assert.Equal(2, dispatcher.TrackedFilters);

        // Every subscriber of the shared set hears that a member left, from a change that carries no prior state.
        var left = members[0];
        await RenameAsync(client, left, "mt-gone");
        var stored = (await client.ReadStoredAsync(left))!;
        await feed.PublishAsync(new ConnectorChange(left, ConnectorChangeKind.Updated, stored.Version) { Committed = stored });
        foreach (var subscription in subscriptions.Append(other))
        {
            var told = await subscription.NextAsync();
            Assert.Equal((left, false), (told.Change.Id, told.Matches));
        }

        await Eventually.TrueAsync(() => dispatcher.TrackedIds == 2 * (Matching - 1), "the member that left is forgotten once per filter");

        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        Assert.Equal((1, (long)(Matching - 1)), (dispatcher.TrackedFilters, dispatcher.TrackedIds));
        other.Dispose();
        Assert.Equal((0, 0L), (dispatcher.TrackedFilters, dispatcher.TrackedIds));
    }

    [Fact]
    public async Task Deletions_on_another_instance_leave_nothing_behind_in_the_set()
    {
        using var client = new GraphQLTestClient(server);
        var prefix = $"mt-deleted-{Guid.NewGuid():N}-";
        await CreateAsync(client, prefix, Matching);
        var feed = new ForeignFeed();
        using var dispatcher = Dispatcher(feed, new MatchTrackingOptions());
        using var subscription = Subscribe(dispatcher, new Dictionary<string, object?> { ["name"] = StartsWith(prefix) });
        await subscription.ReadyAsync();
        Assert.Equal((1, (long)Matching), (dispatcher.TrackedFilters, dispatcher.TrackedIds));

        // Churn elsewhere: connectors this filter never saw are deleted. Each may be told once, none is remembered.
        const int deletions = 100;
        for (var i = 0; i < deletions; i++)
        {
            await feed.PublishAsync(new ConnectorChange($"mt-deleted-other-{i}", ConnectorChangeKind.Deleted, 2));
        }

        for (var i = 0; i < deletions; i++)
        {
            var told = await subscription.NextAsync();
            Assert.Equal(($"mt-deleted-other-{i}", false), (told.Change.Id, told.Matches));
        }

        Assert.Equal((1, (long)Matching), (dispatcher.TrackedFilters, dispatcher.TrackedIds));
    }

    [Fact]
    public async Task A_filter_over_the_allowance_keeps_no_set_and_tells_each_change_it_cannot_place()
    {
        using var client = new GraphQLTestClient(server);
        var prefix = $"mt-cap-{Guid.NewGuid():N}-";
        var members = await CreateAsync(client, prefix, Matching);
        var outsider = await client.CreateAsync(new { name = "mt-cap-outsider" });
        var feed = new ForeignFeed();
        using var dispatcher = Dispatcher(feed, new MatchTrackingOptions { MaxTrackedIds = Matching - 1 });
        using var subscription = Subscribe(dispatcher, new Dictionary<string, object?> { ["name"] = StartsWith(prefix) });
        await subscription.ReadyAsync();
        Assert.Equal((1, 0L), (dispatcher.TrackedFilters, dispatcher.TrackedIds));

        // Without a set, another instance's change to a connector outside the filter may have been a leave: told once
        // as "does not match". The same change raised here carries its prior state and is not told at all.
        var outsiderNow = (await client.ReadStoredAsync(outsider))!;
        await feed.PublishAsync(new ConnectorChange(outsider, ConnectorChangeKind.Updated, outsiderNow.Version) { Committed = outsiderNow });
        await feed.PublishAsync(new ConnectorChange(outsider, ConnectorChangeKind.Updated, outsiderNow.Version)
        {
            Committed = outsiderNow,
            Prior = new PriorState(outsiderNow),
        });
        var member = (await client.ReadStoredAsync(members[0]))!;
        await feed.PublishAsync(new ConnectorChange(member.Id, ConnectorChangeKind.Updated, member.Version) { Committed = member });

        var first = await subscription.NextAsync();
        var second = await subscription.NextAsync();
        Assert.Equal((outsider, false), (first.Change.Id, first.Matches));
        Assert.Equal((member.Id, true), (second.Change.Id, second.Matches));
    }

    [Fact]
    public async Task The_server_keeps_at_most_one_set_for_identical_filters_and_none_when_changes_carry_their_prior_state()
    {
        using var client = new GraphQLTestClient(server);
        var prefix = $"mt-server-{Guid.NewGuid():N}-";
        var members = await CreateAsync(client, prefix, Matching);
        var outsider = await client.CreateAsync(new { name = "mt-server-outsider" });
        var dispatcher = server.Services.GetRequiredService<ConnectorEventDispatcher>();
        var tracks = server.Services.GetRequiredService<IConnectorChangeFeed>().CrossesInstances;

        var subscriptions = Enumerable.Range(0, Subscriptions)
            .Select(_ => Subscribe(dispatcher, new Dictionary<string, object?> { ["name"] = StartsWith(prefix) })).ToList();
        foreach (var subscription in subscriptions)
        {
            await subscription.ReadyAsync();
        }

        Assert.Equal((tracks ? 1 : 0, tracks ? Matching : 0L), (dispatcher.TrackedFilters, dispatcher.TrackedIds));

        // Real writes: a member leaves, a connector that never matched changes, the member comes back.
        await RenameAsync(client, members[1], "mt-server-gone");
        await RenameAsync(client, outsider, "mt-server-outsider-renamed");
        await RenameAsync(client, members[1], prefix + "back");
        foreach (var subscription in subscriptions)
        {
            var leave = await subscription.NextAsync();
            var back = await subscription.NextAsync();
            Assert.Equal((members[1], false), (leave.Change.Id, leave.Matches));
            Assert.Equal((members[1], true), (back.Change.Id, back.Matches));
            subscription.Dispose();
        }

        Assert.Equal((0, 0L), (dispatcher.TrackedFilters, dispatcher.TrackedIds));
    }

    private ConnectorEventDispatcher Dispatcher(ForeignFeed feed, MatchTrackingOptions options) => new(
        feed,
        server.Services.GetRequiredService<ConnectorReader>(),
        server.Services.GetRequiredService<CocoMetrics>(),
        Options.Create(options),
        NullLogger<ConnectorEventDispatcher>.Instance);

    private static Subscription Subscribe(ConnectorEventDispatcher dispatcher, Dictionary<string, object?> where)
    {
        var received = Channel.CreateUnbounded<ConnectorChangedEvent>();
        var handle = dispatcher.WatchMatching(WhereCompiler.Compile(where), WhereKey.Of(where)).Subscribe(new EventCollector(received.Writer));
        return new Subscription(handle, received.Reader, dispatcher);
    }

    private static async Task<List<string>> CreateAsync(GraphQLTestClient client, string prefix, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await client.CreateAsync(new { name = prefix + i }));
        }

        return ids;
    }

    private static async Task RenameAsync(GraphQLTestClient client, string id, string name)
    {
        using var renamed = await client.Http.PutAsJsonAsync($"connector/{id}", new { name });
        renamed.EnsureSuccessStatusCode();
    }

    private static Dictionary<string, object?> StartsWith(string prefix) => new() { ["startsWith"] = prefix };

    private static Dictionary<string, object?> Eq(object? value) => new() { ["eq"] = value };

    private sealed class Subscription(IDisposable handle, ChannelReader<ConnectorChangedEvent> received, ConnectorEventDispatcher dispatcher) : IDisposable
    {
        public async Task<ConnectorChangedEvent> NextAsync()
        {
            using var patience = new CancellationTokenSource(Patience.Limit);
            return await received.ReadAsync(patience.Token);
        }

        /// <summary>Until the filter's set is read (or found not to fit), with no change published meanwhile.</summary>
        public Task ReadyAsync() => Eventually.TrueAsync(() => dispatcher.TrackedFiltersReading == 0, "the filter's snapshot is read");

        public void Dispose() => handle.Dispose();
    }
}
