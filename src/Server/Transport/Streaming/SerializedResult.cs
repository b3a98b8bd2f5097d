using GraphQL;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// A subscription event whose result was serialized once for every subscriber with the same selection
/// (<see cref="SharedEventStrategy"/>): transports send <see cref="Payload"/> as it is. It carries no errors or
/// extensions (only clean results are shared).
/// </summary>
internal sealed class SerializedResult : ExecutionResult
{
    public SerializedResult(EventPayload payload)
    {
        Payload = payload;
        Executed = true;
        Data = payload;
    }

    public EventPayload Payload { get; }
}
