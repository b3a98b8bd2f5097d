namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// The bytes one execution may still produce, charged while it runs (<see cref="ResponseBudgetMiddleware"/>) rather
/// than measured once the whole answer is in memory: when the charges pass the limit, the execution's token is
/// cancelled, so no more is loaded or resolved, and the request ends with <c>RESPONSE_TOO_LARGE</c>. Charges are lower
/// bounds of what the values serialize to, so only an answer that would be too large anyway is stopped.
/// One instance per execution, and one per subscription event; the owner reads <see cref="Token"/> as its token.
/// </summary>
public sealed class ResponseBudget : IDisposable
{
    /// <summary>Where an execution's user context holds its budget.</summary>
    public const string ContextKey = "Coco.ResponseBudget";

    private readonly CancellationTokenSource _stop;
    private long _remaining;

    public ResponseBudget(long maxBytes, CancellationToken outer)
    {
        Limit = maxBytes;
        _remaining = maxBytes;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        Token = _stop.Token;
    }

    public long Limit { get; }

    /// <summary>The execution's token: the caller's, also cancelled when the budget is spent.</summary>
    public CancellationToken Token { get; }

    public bool IsSpent => Volatile.Read(ref _remaining) < 0;

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
    }

    /// <summary>The error an execution stopped by its budget answers with.</summary>
    public RequestLimitError Error() => new(LimitCodes.ResponseTooLarge, string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"The response would be larger than the {Limit:N0} bytes allowed; ask for fewer items or fields."), Limit);

    public void Dispose() => _stop.Dispose();
}
