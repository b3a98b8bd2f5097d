using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Coco.Connectors.Auth;
using Coco.Connectors.Secrets;
using Coco.Connectors.Server.Transport.Streaming;
using GraphQL;
using GraphQL.Transport;

namespace Coco.Connectors.Server.Transport.WebSockets;

/// <summary>
/// The part both WebSocket subprotocols share: the connection_init state and its timeout, keep-alive, and the
/// running operations (id → operation, each in its own DI scope, run in the background so the read loop never
/// waits on execution). Subclasses map messages of their protocol onto it.
/// </summary>
internal abstract partial class SubscriptionServer : IAsyncDisposable
{
    /// <summary>The user-context key under which resolvers find the connection_init payload.</summary>
    public const string ConnectionParamsKey = "connectionParams";

    private const int NotInitialized = 0, Initializing = 1, Acknowledged = 2;
    private static readonly byte[] ResultTail = "}"u8.ToArray();
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(5);

    // Ids in use, and operations still running (an operation may outlive its id). Most sockets carry one or two
    // operations, so plain collections under one lock: concurrent dictionaries would cost more than the socket.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RunningOperation> _operations = new(StringComparer.Ordinal);
    private readonly HashSet<RunningOperation> _running = [];
    private ITimer? _initTimeout;
    private Caller? _caller;
    private IDisposable? _tokenWatch;

    // Cancelled when the socket is gone: stops the timers and every operation. Never disposed, because timers
    // and operations finishing late may still read its token.
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ILogger _logger;
    private int _initState;
    private ResultHead? _lastHead;

    protected SubscriptionServer(WebSocketConnection connection, ProtocolServices services)
    {
        Connection = connection;
        Services = services;
        _logger = services.Logger;
    }

    protected enum StartOutcome
    {
        Started,
        DuplicateId,

        /// <summary>Too many operations on the socket, or the caller's rate limit: send the refusal for the operation.</summary>
        Refused,
    }

    protected WebSocketConnection Connection { get; }

    protected ProtocolServices Services { get; }

    protected GraphQLStreamingOptions Options => Services.Options;

    protected bool IsAcknowledged => Volatile.Read(ref _initState) == Acknowledged;

    private IReadOnlyDictionary<string, object?>? ConnectionParams { get; set; }

    /// <summary>Starts the connection_init timeout.</summary>
    public void Start() => _initTimeout = TimeProvider.System.CreateTimer(
        static state => ((SubscriptionServer)state!).CloseUnlessInitialized(), this, Options.ConnectionInitTimeout, Timeout.InfiniteTimeSpan);

    public async Task OnMessageAsync(ReadOnlyMemory<byte> frame)
    {
        try
        {
            await (IncomingMessage.TryParse(frame, out var message, out var problem) ? HandleAsync(message) : HandleMalformedAsync(problem!));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug must not leave a half-working socket behind: close it the way HotChocolate does.
            LogMessageFailed(ExceptionLog.Describe(ex));
            Connection.Close(WebSocketCloseStatus.InternalServerError, "Unexpected Error");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        _initTimeout?.Dispose();
        _tokenWatch?.Dispose();
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _running.Select(o => o.Finished)];
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(DisposeTimeout);
        }
        catch (TimeoutException)
        {
            LogSlowDisposal(pending.Count(t => !t.IsCompleted));
        }
    }

    protected abstract Task HandleAsync(IncomingMessage message);

    /// <summary>The frame was not a JSON object (or had a non-string id).</summary>
    protected abstract Task HandleMalformedAsync(string problem);

    protected abstract Task SendKeepAliveAsync();

    /// <summary>One result, already serialized (and maybe shared with other subscribers: never change it).</summary>
    protected abstract Task SendNextAsync(string id, ReadOnlyMemory<byte> resultJson, CancellationToken ct);

    /// <summary>The operation failed before execution; nothing else is sent for it.</summary>
    protected abstract Task SendErrorAsync(string id, ExecutionResult result, CancellationToken ct);

    protected abstract Task SendCompleteAsync(string id, CancellationToken ct);

    /// <summary>True for the first connection_init only; the protocols refuse a second one.</summary>
    protected bool TryBeginInit() =>
        Interlocked.CompareExchange(ref _initState, Initializing, NotInitialized) == NotInitialized;

    /// <summary>
    /// Finds the connection's caller (connection_init payload, else the upgrade request). A token-authenticated socket
    /// closes with 4401 once its token is revoked or expires. False: the protocol refuses the connection.
    /// </summary>
    protected bool TryAuthenticate(IReadOnlyDictionary<string, object?>? connectionParams)
    {
        _caller = Services.Auth.Authenticate(connectionParams);
        if (_caller is null)
        {
            return false;
        }

        if (_caller.HasToken)
        {
            _tokenWatch = Services.Auth.Directory.WatchToken(_caller.Name,
                () => Connection.Close(CloseCodes.Unauthorized, "The API token was revoked or has expired."));
        }

        return true;
    }

    /// <summary>Accepts the connection: from now on operations may start, and keep-alive begins.</summary>
    protected void Acknowledge(IReadOnlyDictionary<string, object?>? connectionParams)
    {
        ConnectionParams = connectionParams;
        Volatile.Write(ref _initState, Acknowledged);
        _initTimeout?.Dispose();
        _ = KeepAliveAsync();
    }

    /// <summary>
    /// Starts an operation in the background. Each takes a permit from its caller's rate-limit bucket, the one its HTTP
    /// requests draw from; <paramref name="refusal"/> is what to send for a <see cref="StartOutcome.Refused"/> one. With
    /// <paramref name="replace"/>, a running operation with the same id is stopped, but only once the new one may start.
    /// </summary>
    protected StartOutcome StartOperation(string id, GraphQLRequest request, out ExecutionResult? refusal, bool replace = false)
    {
        RunningOperation operation;
        RunningOperation? replaced = null;
        lock (_gate)
        {
            refusal = null;
            var running = _operations.ContainsKey(id);
            if (running && !replace)
            {
                return StartOutcome.DuplicateId;
            }

            if (!running && _operations.Count >= Options.MaxOperationsPerConnection)
            {
                refusal = StreamingErrors.TooManyOperations(Options.MaxOperationsPerConnection);
                return StartOutcome.Refused;
            }

            refusal = Services.Permits.TryTake(_caller);
            if (refusal is not null)
            {
                return StartOutcome.Refused;
            }

            if (running)
            {
                _operations.Remove(id, out replaced);
            }

            operation = new RunningOperation(id, _lifetime.Token);
            _operations.Add(id, operation);
            _running.Add(operation);
        }

        replaced?.Cancel();
        _ = Task.Run(() => RunAsync(operation, request));
        return StartOutcome.Started;
    }

    /// <summary>Stops an operation the client no longer wants, silently. False when no such operation runs.</summary>
    protected bool StopOperation(string id)
    {
        RunningOperation? operation;
        lock (_gate)
        {
            if (!_operations.Remove(id, out operation))
            {
                return false;
            }
        }

        operation.Cancel();
        return true;
    }

    protected bool TryReadConnectionParams(JsonElement? payload, out IReadOnlyDictionary<string, object?>? parameters)
    {
        parameters = null;
        if (payload is not { } element)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        try
        {
            parameters = Services.Serializer.Deserialize<Inputs>(element.GetRawText());
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    protected bool TryReadRequest(JsonElement? payload, [NotNullWhen(true)] out GraphQLRequest? request)
    {
        request = null;
        if (payload is not { ValueKind: JsonValueKind.Object } element)
        {
            return false;
        }

        try
        {
            request = Services.Serializer.Deserialize<GraphQLRequest>(element.GetRawText());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }

        return request is not null && (!string.IsNullOrWhiteSpace(request.Query) || Persisted.PersistedDocumentResolver.NamesDocument(request));
    }

    /// <summary>Queues one <c>{"type","id","payload"}</c> frame; completes once written (or dropped on close).</summary>
    protected Task SendAsync(string type, string? id = null, string? payloadJson = null, CancellationToken ct = default)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (payloadJson?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            if (id is not null)
            {
                writer.WriteString("id", id);
            }

            if (payloadJson is not null)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(payloadJson, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return Connection.SendAsync(buffer.WrittenMemory, ct);
    }

    /// <summary>Queues <c>{"type","id","payload":resultJson}</c> without copying the result's bytes when they are large.</summary>
    protected Task SendResultAsync(string type, string id, ReadOnlyMemory<byte> resultJson, CancellationToken ct)
    {
        // The envelope's head is the same for every event of an operation: written once, kept for the next event.
        var head = _lastHead;
        if (head is null || !ReferenceEquals(head.Type, type) || head.Id != id)
        {
            _lastHead = head = new ResultHead(type, id, WriteResultHead(type, id));
        }

        return Connection.SendAsync(head.Bytes, resultJson, ResultTail, ct);
    }

    private static byte[] WriteResultHead(string type, string id)
    {
        var head = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(head))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("id", id);
            writer.WritePropertyName("payload");
            writer.Flush(); // The payload and the closing brace follow as raw bytes.
        }

        return head.WrittenSpan.ToArray();
    }

    /// <summary>The envelope's head of the last result sent; replaced whole, so readers on other threads see one.</summary>
    private sealed record ResultHead(string Type, string Id, byte[] Bytes);

    protected string Serialize(ExecutionResult result) => Services.Serializer.Serialize(result);

    /// <summary>The result's errors as a JSON array, formatted by the engine's error info provider.</summary>
    protected string SerializeErrors(ExecutionResult result)
    {
        using var document = JsonDocument.Parse(Serialize(new ExecutionResult { Errors = result.Errors }));
        return document.RootElement.TryGetProperty("errors", out var errors) ? errors.GetRawText() : "[]";
    }

    protected static string MessagePayload(string message) =>
        Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["message"] = message }));

    private async Task RunAsync(RunningOperation operation, GraphQLRequest request)
    {
        try
        {
            await using var scope = Services.Scopes.CreateAsyncScope();
            var userContext = new Dictionary<string, object?> { [ConnectionParamsKey] = ConnectionParams, [Caller.UserContextKey] = _caller };
            var sink = new OperationSink(this, operation);
            await Services.Streamer.RunAsync(request, scope.ServiceProvider, AllowedOperations.All, userContext, sink, Services.Client, operation.Token);
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            // Stopped by the client or by the socket closing.
        }
        catch (Exception ex)
        {
            LogOperationFailed(operation.Id, ExceptionLog.Describe(ex));
            Connection.Close(WebSocketCloseStatus.InternalServerError, "Unexpected Error");
        }
        finally
        {
            Release(operation);
            lock (_gate)
            {
                _running.Remove(operation);
            }

            operation.Dispose();
        }
    }

    // Frees the id before the last message is sent, so a client may reuse it as soon as it sees complete.
    private void Release(RunningOperation operation)
    {
        lock (_gate)
        {
            if (_operations.TryGetValue(operation.Id, out var current) && current == operation)
            {
                _operations.Remove(operation.Id);
            }
        }
    }

    private void CloseUnlessInitialized()
    {
        if (Volatile.Read(ref _initState) == NotInitialized)
        {
            Connection.Close(CloseCodes.InitTimeout, "Connection initialization timeout.");
        }
    }

    private async Task KeepAliveAsync()
    {
        using var timer = new PeriodicTimer(Options.KeepAliveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_lifetime.Token))
            {
                await SendKeepAliveAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The socket is gone.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL WebSocket operation {OperationId} failed unexpectedly: {Exception}")]
    private partial void LogOperationFailed(string operationId, string exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A GraphQL WebSocket message could not be handled: {Exception}")]
    private partial void LogMessageFailed(string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} GraphQL WebSocket operations did not stop in time after the socket closed")]
    private partial void LogSlowDisposal(int count);

    private sealed class RunningOperation : IDisposable
    {
        private readonly CancellationTokenSource _cancellation;
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RunningOperation(string id, CancellationToken connectionLifetime)
        {
            Id = id;
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(connectionLifetime);
            Token = _cancellation.Token;
        }

        public string Id { get; }

        public CancellationToken Token { get; }

        public Task Finished => _finished.Task;

        public void Cancel()
        {
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It finished on its own in the meantime.
            }
        }

        public void Dispose()
        {
            _finished.TrySetResult();
            _cancellation.Dispose();
        }
    }

    private sealed class OperationSink(SubscriptionServer server, RunningOperation operation) : IOperationSink
    {
        public Task NextAsync(ReadOnlyMemory<byte> resultJson, CancellationToken ct) => server.SendNextAsync(operation.Id, resultJson, ct);

        public Task ErrorAsync(ExecutionResult result, CancellationToken ct)
        {
            server.Release(operation);
            return server.SendErrorAsync(operation.Id, result, ct);
        }

        public Task CompleteAsync(CancellationToken ct)
        {
            server.Release(operation);
            return server.SendCompleteAsync(operation.Id, ct);
        }
    }
}
