namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// Bytes that several executions may produce between them, taken as they run and never given back: what one write's
/// subscription events may cost for one client (and, through <paramref name="parent"/>, for the whole server). A
/// <see cref="ResponseBudget"/> built with an allowance charges it with every charge of its own and stops its
/// execution, with the allowance's <see cref="Error"/>, once the allowance is overdrawn.
/// </summary>
public sealed class ByteAllowance(long maxBytes, Func<RequestLimitError> error, ByteAllowance? parent = null)
{
    private long _remaining = maxBytes;

    public long Limit { get; } = maxBytes;

    /// <summary>What an execution stopped by this allowance answers with (a new error each time).</summary>
    public RequestLimitError Error() => error();

    /// <summary>This allowance, or its parent, when one of them is overdrawn; otherwise null.</summary>
    public ByteAllowance? Overdrawn => Volatile.Read(ref _remaining) < 0 ? this : parent?.Overdrawn;

    /// <summary>Takes <paramref name="bytes"/> here and from the parent; the allowance overdrawn by them, or null when they fit.</summary>
    public ByteAllowance? Take(long bytes)
    {
        var fits = Interlocked.Add(ref _remaining, -bytes) >= 0;
        var parentOverdrawn = parent?.Take(bytes);
        return fits ? parentOverdrawn : this;
    }
}
