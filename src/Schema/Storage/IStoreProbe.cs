namespace Coco.Connectors.Storage;

/// <summary>Checks, cheaply and within a bounded wait, that the store can take a write now (for <c>/healthz</c>).</summary>
public interface IStoreProbe
{
    /// <summary>Null when the store answers and is writable; otherwise why not.</summary>
    Task<StoreFailure?> ProbeAsync(CancellationToken ct);
}
