namespace Coco.Connectors.Tests.Limits;

/// <summary>What the slow test resolver saw: that it started, how long it kept working, and that it was cancelled.</summary>
public sealed class ExecutionProbe
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _ticks;

    public Task Started => _started.Task;

    public Task Cancelled => _cancelled.Task;

    /// <summary>Work steps done so far; it stops growing once the resolver stops.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    public void OnStarted() => _started.TrySetResult();

    public void OnTick() => Interlocked.Increment(ref _ticks);

    public void OnCancelled() => _cancelled.TrySetResult();
}
