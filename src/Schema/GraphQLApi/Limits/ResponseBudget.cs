namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// The bytes one execution may still produce, charged while it runs (<see cref="ResponseBudgetMiddleware"/>) rather
/// than measured once the whole answer is in memory: when the charges pass the limit, the execution's token is
/// cancelled, so no more is loaded or resolved, and the request ends with <c>RESPONSE_TOO_LARGE</c>. Charges are lower
/// bounds of what the values serialize to, so only an answer that would be too large anyway is stopped.
/// One instance per execution, and one per subscription event; the owner reads <see cref="Token"/> as its token.
/// Charges go to the server-wide <see cref="ServerResponseBudget"/> too, and are returned to it on disposal; when
/// that one is overdrawn, the execution stops the same way and ends with <c>SERVER_BUSY</c>. With a
/// <see cref="ByteAllowance"/> (what one write's events may cost a client), charges go there too, never returned.
/// </summary>
public sealed class ResponseBudget : IDisposable
{
    /// <summary>Where an execution's user context holds its budget.</summary>
    public const string ContextKey = "Coco.ResponseBudget";

    private readonly CancellationTokenSource _stop;
    private readonly ServerResponseBudget? _server;
    private readonly ByteAllowance? _allowance;
    private ByteAllowance? _overdrawn;
    private long _remaining;
    private long _heldOnServer;
    private int _serverBusy;
    private int _returned;

    public ResponseBudget(long maxBytes, CancellationToken outer, ServerResponseBudget? server = null, ByteAllowance? allowance = null)
    {
        Limit = maxBytes;
        _server = server;
        _allowance = allowance;
        _remaining = maxBytes;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        Token = _stop.Token;
    }

    public long Limit { get; }

    /// <summary>The execution's token: the caller's, also cancelled when the budget is spent.</summary>
    public CancellationToken Token { get; }

    /// <summary>The bytes charged so far (past the limit too).</summary>
    public long Charged => Limit - Volatile.Read(ref _remaining);

    public bool IsSpent => Volatile.Read(ref _remaining) < 0 || IsServerBusy || Volatile.Read(ref _overdrawn) is not null;

    /// <summary>Stopped because all executions together held too much, not because this one was too large.</summary>
    public bool IsServerBusy => Volatile.Read(ref _serverBusy) != 0;

    /// <summary>The user context to execute with: the caller's entries and this budget.</summary>
    public Dictionary<string, object?> AttachTo(IDictionary<string, object?>? userContext) =>
        new(userContext ?? new Dictionary<string, object?>()) { [ContextKey] = this };

    /// <summary>Takes <paramref name="bytes"/>; once the budget is spent, stops the execution.</summary>
    public void Charge(long bytes)
    {
        if (Interlocked.Add(ref _remaining, -bytes) < 0)
        {
            _stop.Cancel();
            Token.ThrowIfCancellationRequested();
        }

        if (_allowance?.Take(bytes) is { } overdrawn)
        {
            Volatile.Write(ref _overdrawn, overdrawn);
            _stop.Cancel();
            Token.ThrowIfCancellationRequested();
        }

        if (_server is null || Volatile.Read(ref _returned) != 0)
        {
            return;
        }

        // Taken first, recorded second, so that whoever drains the record never returns bytes not yet taken.
        var fits = _server.Charge(bytes);
        Interlocked.Add(ref _heldOnServer, bytes);
        if (Volatile.Read(ref _returned) != 0)
        {
            // Returned concurrently: a charge that raced the return must not stay held for good.
            _server.Release(Interlocked.Exchange(ref _heldOnServer, 0));
        }

        if (!fits)
        {
            Volatile.Write(ref _serverBusy, 1);
            _stop.Cancel();
            Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Gives back to the server budget all this execution took, and charges it no more; for an owner that keeps the
    /// budget alive without holding its bytes (a subscription's source, whose events are budgeted on their own).
    /// </summary>
    public void ReturnServerShare()
    {
        Volatile.Write(ref _returned, 1);
        if (_server is not null)
        {
            _server.Release(Interlocked.Exchange(ref _heldOnServer, 0));
        }
    }

    /// <summary>The error an execution stopped by its budget answers with.</summary>
    public RequestLimitError Error() => Volatile.Read(ref _overdrawn) is { } overdrawn ? overdrawn.Error()
        : IsServerBusy
        ? new(LimitCodes.ServerBusy,
            "The server is producing too many large responses at once; retry later.", _server?.Limit ?? 0)
        : TooLarge(Limit);

    /// <summary>The error of an answer longer than <paramref name="limit"/> bytes, however that was found.</summary>
    public static RequestLimitError TooLarge(long limit) => new(LimitCodes.ResponseTooLarge, string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"The response would be larger than the {limit:N0} bytes allowed; ask for fewer items or fields."), limit);

    public void Dispose()
    {
        ReturnServerShare();
        _stop.Dispose();
    }
}
