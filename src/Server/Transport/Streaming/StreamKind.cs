namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>What a client holds open on the streaming transports; each kind has its own caps.</summary>
internal enum StreamKind
{
    WebSocket,
    EventStream,
    Subscription,
}
