using GraphQL;
using GraphQL.Validation;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// Validation was stopped because the document had already produced more errors than a response lists; carries the
/// errors found so far (the transport lists the first ones and says that it stopped).
/// </summary>
public sealed class ValidationStoppedError(IReadOnlyList<ValidationError> found) : ExecutionError("Validation stopped: too many errors.")
{
    public IReadOnlyList<ValidationError> Found { get; } = found;
}
