using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>The document's title, description and the two ways to send a Coco API token.</summary>
public sealed class RestDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string ApiToken = "apiToken";
    private const string Bearer = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Coco Connectors REST API",
            Version = "v1",
            Description = "Coco Server's connector routes. Errors use Coco's envelope {\"status\", \"error\": {\"type\", \"reason\"}}. "
                + "Secrets in config are always shown as \"******\". GraphQL is at /graphql (schema: GET /graphql?sdl).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-TOKEN",
            Description = "A Coco API token (coco_…). Without any token the server serves only loopback (protected mode).",
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The same token as Authorization: Bearer <token>.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiToken, document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] });
        return Task.CompletedTask;
    }
}
