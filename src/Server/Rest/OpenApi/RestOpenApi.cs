using Coco.Connectors.Server.Auth;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c>: the Coco REST routes described by Microsoft.AspNetCore.OpenApi. Like introspection, it
/// needs a valid token but no permission (<c>Auth:AnonymousIntrospection=true</c> opens it), so an open server does
/// not hand strangers a map of itself while every client with a token can generate code from it.
/// </summary>
public static class RestOpenApi
{
    public const string DocumentName = "v1";
    /// <summary>The one document's path, without a <c>{documentName}</c> parameter: any other name is an unknown route.</summary>
    public const string Route = "/openapi/" + DocumentName + ".json";

    public static IServiceCollection AddRestOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            // Only the Coco routes: GraphQL has its own schema (introspection, GET /graphql?sdl).
            options.ShouldInclude = description => description.RelativePath?.StartsWith("connector", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<RestDocumentTransformer>();
            options.AddOperationTransformer<DocumentedParameterTransformer>();
        });

    public static IEndpointRouteBuilder MapRestOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(Route).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var auth = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
            return CallerAccess.Of(http) is null && !auth.AnonymousIntrospection
                ? CocoResponses.Error(StatusCodes.Status401Unauthorized, "unauthorized", "invalid login")
                : await next(context);
        });
        return app;
    }
}
