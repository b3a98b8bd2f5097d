namespace Coco.Connectors.Storage;

/// <summary>Thrown where the server itself finds the store unusable (e.g. its file was replaced); see <see cref="StoreFailures"/>.</summary>
public sealed class StoreUnavailableException(StoreFailure failure) : Exception(failure.Reason)
{
    public StoreFailure Failure { get; } = failure;
}
