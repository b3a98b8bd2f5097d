using GraphQL;

namespace Coco.Connectors.Server.Transport.WebSockets;

/// <summary>
/// The <c>graphql-transport-ws</c> subprotocol (the graphql-ws library). Protocol violations close the socket
/// with a 44xx code; close texts follow HotChocolate's where it has one.
/// </summary>
internal sealed class GraphQLTransportWsProtocol(WebSocketConnection connection, ProtocolServices services)
    : SubscriptionServer(connection, services)
{
    public const string SubProtocol = "graphql-transport-ws";

    protected override Task HandleAsync(IncomingMessage message)
    {
        switch (message.Type)
        {
            case "connection_init":
                return InitAsync(message);
            case "ping":
                return SendAsync("pong", payloadJson: message.Payload?.GetRawText());
            case "pong":
                return Task.CompletedTask; // The answer to our keep-alive ping.
            case "subscribe":
                return SubscribeAsync(message);
            case "complete":
                if (message.Id is { } id)
                {
                    StopOperation(id);
                }

                return Task.CompletedTask;
            case null:
                Connection.Close(CloseCodes.BadMessage, "The type property on the message is mandatory.");
                return Task.CompletedTask;
            default:
                Connection.Close(CloseCodes.BadMessage, "Invalid message type.");
                return Task.CompletedTask;
        }
    }

    protected override Task HandleMalformedAsync(string problem)
    {
        Connection.Close(CloseCodes.BadMessage, problem);
        return Task.CompletedTask;
    }

    protected override Task SendKeepAliveAsync() => SendAsync("ping");

    protected override Task SendNextAsync(string id, ReadOnlyMemory<byte> resultJson, CancellationToken ct) =>
        SendResultAsync("next", id, resultJson, ct);

    protected override Task SendErrorAsync(string id, ExecutionResult result, CancellationToken ct) =>
        SendAsync("error", id, SerializeErrors(result), ct);

    protected override Task SendCompleteAsync(string id, CancellationToken ct) => SendAsync("complete", id, ct: ct);

    private Task InitAsync(IncomingMessage message)
    {
        if (!TryBeginInit())
        {
            Connection.Close(CloseCodes.TooManyInitRequests, "Too many initialisation requests.");
            return Task.CompletedTask;
        }

        if (!TryReadConnectionParams(message.Payload, out var parameters))
        {
            Connection.Close(CloseCodes.BadMessage, "The connection_init payload must be a json object.");
            return Task.CompletedTask;
        }

        if (!TryAuthenticate(parameters))
        {
            Connection.Close(CloseCodes.Unauthorized, "Unauthorized: send a valid API token (X-API-TOKEN or Authorization) in connection_init.");
            return Task.CompletedTask;
        }

        Acknowledge(parameters);
        return SendAsync("connection_ack");
    }

    private Task SubscribeAsync(IncomingMessage message)
    {
        if (!IsAcknowledged)
        {
            Connection.Close(CloseCodes.Unauthorized, "Unauthorized");
            return Task.CompletedTask;
        }

        if (string.IsNullOrEmpty(message.Id) || !TryReadRequest(message.Payload, out var request))
        {
            Connection.Close(CloseCodes.BadMessage, "Invalid subscribe message structure.");
            return Task.CompletedTask;
        }

        switch (StartOperation(message.Id, request, out var refusal))
        {
            case StartOutcome.DuplicateId:
                Connection.Close(CloseCodes.SubscriberExists, $"Subscriber for {message.Id} already exists");
                return Task.CompletedTask;
            case StartOutcome.Refused:
                return SendErrorAsync(message.Id, refusal!, default);
            default:
                return Task.CompletedTask;
        }
    }
}
