namespace Coco.Connectors.Changes;

/// <summary>
/// How many connector ids the match trackers hold together, against <see cref="MatchTrackingOptions.MaxTrackedIds"/>.
/// Only a new snapshot is refused; a tracked set may grow past the allowance afterwards by connectors entering its
/// filter, which is bounded by the store itself.
/// </summary>
internal sealed class TrackedIdAllowance(int max)
{
    private long _held;

    public long Held => Interlocked.Read(ref _held);

    /// <summary>How many more ids a new snapshot could take now.</summary>
    public long Room => max - Held;

    public bool TryTake(int ids)
    {
        if (Interlocked.Add(ref _held, ids) <= max)
        {
            return true;
        }

        Interlocked.Add(ref _held, -ids);
        return false;
    }

    public void Count(int ids) => Interlocked.Add(ref _held, ids);

    public void Return(int ids) => Interlocked.Add(ref _held, -ids);
}
