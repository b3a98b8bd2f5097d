using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>Adds each <see cref="DocumentedParameter"/> and the <see cref="DocumentedBody"/> of an endpoint to its operation.</summary>
public sealed class DocumentedParameterTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var parameter in metadata.OfType<DocumentedParameter>())
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

        if (metadata.OfType<DocumentedBody>().FirstOrDefault() is { } body && context.Document is { } document)
        {
            var id = body.Schema.Name;
            document.AddComponent<IOpenApiSchema>(id, await context.GetOrCreateSchemaAsync(body.Schema, null, cancellationToken));
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = body.Required,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchemaReference(id, document) },
                },
            };
        }
    }
}
