using Microsoft.OpenApi;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>
/// Endpoint metadata describing a parameter the handler reads itself (from the query string or a header) rather than
/// through binding, so the OpenAPI document still lists it; <see cref="DocumentedParameterTransformer"/> adds it.
/// </summary>
public sealed record DocumentedParameter(string Name, ParameterLocation In, JsonSchemaType Type, string Description, bool Repeated = false);
