using System.Threading.Channels;
using Coco.Connectors.Changes;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>Writes each event a dispatcher's subscription yields into a channel the test reads.</summary>
internal sealed class EventCollector(ChannelWriter<ConnectorChangedEvent> writer) : IObserver<object?>
{
    public void OnNext(object? value) => writer.TryWrite((ConnectorChangedEvent)value!);

    public void OnError(Exception error) => writer.TryComplete(error);

    public void OnCompleted() => writer.TryComplete();
}
