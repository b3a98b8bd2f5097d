using System.Net.WebSockets;
using GraphQL;

namespace Coco.Connectors.Server.Transport.WebSockets;

/// <summary>
/// The legacy <c>graphql-ws</c> subprotocol of Apollo's subscriptions-transport-ws. It predates close codes, so
/// problems with a message are answered with <c>connection_error</c> or <c>error</c> and the socket stays open,
/// as Apollo's server does; only the connection-level rules (init timeout, init twice, start before init) close it.
/// </summary>
internal sealed class ApolloWsProtocol(WebSocketConnection connection, ProtocolServices services)
    : SubscriptionServer(connection, services)
{
    public const string SubProtocol = "graphql-ws";

    protected override Task HandleAsync(IncomingMessage message) => message.Type switch
    {
        "connection_init" => InitAsync(message),
        "start" => StartAsync(message),
        "stop" => StopAsync(message),
        "connection_terminate" => TerminateAsync(),
        _ => SendAsync("error", message.Id, MessagePayload("Invalid message type!")),
    };

    protected override Task HandleMalformedAsync(string problem) => SendAsync("connection_error", payloadJson: MessagePayload(problem));

    protected override Task SendKeepAliveAsync() => SendAsync("ka");

    protected override Task SendNextAsync(string id, ReadOnlyMemory<byte> resultJson, CancellationToken ct) =>
        SendResultAsync("data", id, resultJson, ct);

    // Apollo clients accept an error object or a result with "errors"; the result keeps every error.
    protected override Task SendErrorAsync(string id, ExecutionResult result, CancellationToken ct) =>
        SendAsync("error", id, Serialize(new ExecutionResult { Errors = result.Errors }), ct);

    protected override Task SendCompleteAsync(string id, CancellationToken ct) => SendAsync("complete", id, ct: ct);

    private async Task InitAsync(IncomingMessage message)
    {
        if (!TryBeginInit())
        {
            Connection.Close(CloseCodes.TooManyInitRequests, "Too many initialisation requests.");
            return;
        }

        if (!TryReadConnectionParams(message.Payload, out var parameters))
        {
            await SendAsync("connection_error", payloadJson: MessagePayload("The connection_init payload must be a json object."));
            Connection.Close(CloseCodes.BadMessage, "Invalid connection_init payload.");
            return;
        }

        if (!TryAuthenticate(parameters))
        {
            await SendAsync("connection_error", payloadJson: MessagePayload("Unauthorized: send a valid API token (X-API-TOKEN or Authorization) in connection_init."));
            Connection.Close(CloseCodes.Unauthorized, "Unauthorized");
            return;
        }

        Acknowledge(parameters);
        await SendAsync("connection_ack");
        await SendAsync("ka");
    }

    private Task StartAsync(IncomingMessage message)
    {
        if (!IsAcknowledged)
        {
            Connection.Close(CloseCodes.Unauthorized, "Unauthorized");
            return Task.CompletedTask;
        }

        if (string.IsNullOrEmpty(message.Id))
        {
            return SendAsync("connection_error", payloadJson: MessagePayload("The start message needs an id."));
        }

        if (!TryReadRequest(message.Payload, out var request))
        {
            return SendAsync("error", message.Id, MessagePayload("Invalid start message structure."));
        }

        // Apollo's server lets a start with an id in use replace that operation; a refused start leaves it running.
        return StartOperation(message.Id, request, out var refusal, replace: true) == StartOutcome.Refused
            ? SendErrorAsync(message.Id, refusal!, default)
            : Task.CompletedTask;
    }

    // The protocol answers a stop with complete, so the client knows nothing more will come.
    private Task StopAsync(IncomingMessage message) =>
        message.Id is { } id && StopOperation(id) ? SendCompleteAsync(id, default) : Task.CompletedTask;

    private Task TerminateAsync()
    {
        Connection.Close(WebSocketCloseStatus.NormalClosure, null);
        return Task.CompletedTask;
    }
}
