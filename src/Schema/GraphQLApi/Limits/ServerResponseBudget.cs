namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// The response bytes all executions together may hold at once (<see cref="GraphQLLimitsOptions.MaxInFlightResponseBytes"/>):
/// each execution's <see cref="ResponseBudget"/> charges it as it charges itself and returns its share when disposed,
/// so many answers just under the per-response ceiling cannot add up to more memory than the server can spare.
/// Lock-free: one counter, moved with <see cref="Interlocked"/>.
/// </summary>
public sealed class ServerResponseBudget
{
    private long _remaining;

    public ServerResponseBudget(long maxBytes)
    {
        Limit = maxBytes;
        _remaining = maxBytes;
    }

    public long Limit { get; }

    /// <summary>The bytes not held by any execution now.</summary>
    public long Available => Volatile.Read(ref _remaining);

    /// <summary>
    /// Takes <paramref name="bytes"/> whether or not they fit (the caller returns all it took through
    /// <see cref="Release"/>); false when the budget is overdrawn, and the caller's execution must stop.
    /// </summary>
    public bool Charge(long bytes) => Interlocked.Add(ref _remaining, -bytes) >= 0;

    public void Release(long bytes) => Interlocked.Add(ref _remaining, bytes);
}
