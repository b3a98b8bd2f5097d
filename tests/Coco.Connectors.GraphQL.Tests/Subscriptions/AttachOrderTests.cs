using System.Threading.Channels;
using Coco.Connectors.Changes;
using Coco.Connectors.Observability;
using Coco.Connectors.Querying;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// A subscription gets the changes published after it attached. On a loaded machine the dispatcher may take a change
/// from its queue only after a subscriber attached, although the write (and its publication) returned before; that
/// change is not the new subscriber's. The dispatcher here has a feed of its own over the server's real store, and a
/// first subscriber holds it inside an event, so the test decides the order, whatever the timing.
/// </summary>
public sealed class AttachOrderTests(CocoServer server) : IClassFixture<CocoServer>
{
    [Fact]
    public async Task A_change_published_before_a_subscriber_attached_is_not_delivered_to_it_however_late_the_dispatcher_takes_it()
    {
        var feed = new InProcessChangeFeed();
        using var dispatcher = new ConnectorEventDispatcher(feed, server.Services.GetRequiredService<ConnectorReader>(),
            server.Services.GetRequiredService<CocoMetrics>(), Options.Create(new MatchTrackingOptions()), NullLogger<ConnectorEventDispatcher>.Instance);

        // The first subscriber holds the dispatcher inside the first change until released: a busy dispatcher.
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var early = Channel.CreateUnbounded<object?>();
        using var busy = dispatcher.Watch(_ => true, (change, _) =>
        {
            if (holding.TrySetResult())
            {
                Assert.True(release.Wait(Patience.Limit), "the test never released the dispatcher");
            }

            return change.Id;
        }).Subscribe(new Collector(early.Writer));

        await feed.PublishAsync(Deleted("held"));
        await holding.Task.WaitAsync(Patience.Limit);
        await feed.PublishAsync(Deleted("queued before the late subscriber"));

        var late = Channel.CreateUnbounded<object?>();
        using var lateSubscriber = dispatcher.Watch(_ => true, (change, _) => change.Id).Subscribe(new Collector(late.Writer));
        release.Set();
        await feed.PublishAsync(Deleted("after"));

        using var patience = new CancellationTokenSource(Patience.Limit);
        Assert.Equal("after", await late.Reader.ReadAsync(patience.Token));
        // The first subscriber, attached all along, got every change in order.
        Assert.Equal("held", await early.Reader.ReadAsync(patience.Token));
        Assert.Equal("queued before the late subscriber", await early.Reader.ReadAsync(patience.Token));
        Assert.Equal("after", await early.Reader.ReadAsync(patience.Token));
        Assert.False(late.Reader.TryRead(out var more), $"the late subscriber also got {more}");
    }

    // A deletion is delivered without reading the store.
    private static ConnectorChange Deleted(string id) => new(id, ConnectorChangeKind.Deleted, 2);

    private sealed class Collector(ChannelWriter<object?> writer) : IObserver<object?>
    {
        public void OnNext(object? value) => writer.TryWrite(value);

        public void OnError(Exception error) => writer.TryComplete(error);

        public void OnCompleted() => writer.TryComplete();
    }
}
