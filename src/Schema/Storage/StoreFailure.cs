namespace Coco.Connectors.Storage;

/// <summary>
/// A store failure as clients see it: a kind and a sentence that names the cause but never the data. REST answers it
/// with 503 (507 when full) in Coco's envelope, GraphQL with an error whose <c>extensions.code</c> is <see cref="Code"/>.
/// </summary>
public sealed record StoreFailure(StoreFailureKind Kind, string Reason)
{
    public string Code => Kind switch
    {
        StoreFailureKind.Busy => "STORE_BUSY",
        StoreFailureKind.Full => "STORE_FULL",
        _ => "STORE_UNAVAILABLE",
    };
}
