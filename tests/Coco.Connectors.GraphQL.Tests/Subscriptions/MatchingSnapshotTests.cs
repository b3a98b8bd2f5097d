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
/// <c>onConnectorChanged(where:)</c> starts from a snapshot of which connectors match, read after the subscriber is
/// attached. A change committed before that snapshot whose event arrives after it (a busy dispatcher, a feed from
/// another instance) must not be lost: the connector may have left the filter with it. The dispatcher here has a feed
/// of its own, so the test decides when that event arrives — after the snapshot, whatever the timing — over the
/// server's real store.
/// </summary>
public sealed class MatchingSnapshotTests(CocoServer server) : IClassFixture<CocoServer>
{
    [Fact]
    public async Task A_change_the_snapshot_already_shows_still_tells_a_live_list_the_connector_left()
    {
        using var client = new GraphQLTestClient(server);
        var left = await client.CreateAsync(new { name = "snap-in left" });
        using (var renamed = await client.Http.PutAsJsonAsync($"connector/{left}", new { name = "snap-out left" }))
        {
            renamed.EnsureSuccessStatusCode();
        }

        var leftNow = (await client.ReadStoredAsync(left))!;
        var feed = new ForeignFeed();
        using var dispatcher = new ConnectorEventDispatcher(feed, server.Services.GetRequiredService<ConnectorReader>(), server.Services.GetRequiredService<CocoMetrics>(),
            Options.Create(new MatchTrackingOptions()), NullLogger<ConnectorEventDispatcher>.Instance);
        var filter = WhereCompiler.Compile(new Dictionary<string, object?> { ["name"] = new Dictionary<string, object?> { ["startsWith"] = "snap-in" } });
        var received = Channel.CreateUnbounded<ConnectorChangedEvent>();
        using var subscription = dispatcher.WatchMatching(filter, "snap-in").Subscribe(new EventCollector(received.Writer));

        // The rename committed before the subscription's snapshot; its event arrives only now.
        await feed.PublishAsync(new ConnectorChange(left, ConnectorChangeKind.Updated, leftNow.Version) { Committed = leftNow });

        // A connector that enters afterwards marks the end: nothing else may come before it.
        var entered = await client.CreateAsync(new { name = "snap-in entered" });
        var enteredNow = (await client.ReadStoredAsync(entered))!;
        await feed.PublishAsync(new ConnectorChange(entered, ConnectorChangeKind.Created, enteredNow.Version) { Committed = enteredNow });

        using var patience = new CancellationTokenSource(Patience.Limit);
        var first = await received.Reader.ReadAsync(patience.Token);
        var second = await received.Reader.ReadAsync(patience.Token);
        Assert.Equal((left, false), (first.Change.Id, first.Matches));
        Assert.Equal((entered, true), (second.Change.Id, second.Matches));

        // Once told, a later change that keeps the connector outside the filter is not sent again.
        await feed.PublishAsync(new ConnectorChange(left, ConnectorChangeKind.Updated, leftNow.Version) { Committed = leftNow });
        await feed.PublishAsync(new ConnectorChange(entered, ConnectorChangeKind.Updated, enteredNow.Version) { Committed = enteredNow });
        var third = await received.Reader.ReadAsync(patience.Token);
        Assert.Equal((entered, true), (third.Change.Id, third.Matches));
    }
}
