using Coco.Connectors.Storage;
using GraphQL;

namespace Coco.Connectors.GraphQL;

/// <summary>The store could not be reached for this field; the client may retry (REST answers 503 for the same cause).</summary>
public sealed class StoreUnavailableError : ExecutionError
{
    public StoreUnavailableError()
        : base(StoreFailures.UnavailableMessage) => Code = StoreFailures.UnavailableCode;
}
