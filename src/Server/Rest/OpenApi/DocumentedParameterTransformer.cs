using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>Adds each <see cref="DocumentedParameter"/> of an endpoint to its operation.</summary>
public sealed class DocumentedParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedParameter>())
        {
            var schema = new OpenApiSchema { Type = parameter.Type };
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = parameter.In,
                Description = parameter.Description,
                Schema = parameter.Repeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema,
            });
        }

        return Task.CompletedTask;
    }
}
