using System.Text.Json.Nodes;
using Coco.Connectors.GraphQL;
using GraphQL;
using GraphQL.Instrumentation;
using GraphQL.Types;

namespace Coco.Connectors.Secrets;

/// <summary>
/// Masks every JSON-typed field's value with the <see cref="SecretPolicy"/> on every GraphQL read path: queries,
/// mutation payloads and subscription events all resolve through field middleware. JSON is where secrets live, so
/// any such field, present or future, is masked by default.
/// </summary>
public sealed class SecretMaskingMiddleware : IFieldMiddleware
{
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var result = await next(context);
        return result is JsonObject obj && IsJson(context.FieldDefinition.ResolvedType) ? SecretPolicy.MaskConfig(obj) : result;
    }

    private static bool IsJson(IGraphType? type) => type switch
    {
        JsonScalar => true,
        NonNullGraphType nonNull => IsJson(nonNull.ResolvedType),
        _ => false,
    };
}
