using Coco.Connectors.Storage;
using GraphQL;

namespace Coco.Connectors.GraphQLApi;

/// <summary>A field failed because the store is busy, full or gone: the reason and a code, never the exception's details.</summary>
public sealed class StoreFailureError : ExecutionError
{
    public StoreFailureError(StoreFailure failure)
        : base(failure.Reason) => Code = failure.Code;
}
