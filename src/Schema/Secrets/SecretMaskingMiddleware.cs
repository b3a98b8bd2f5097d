using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Instrumentation;

namespace Coco.Connectors.Secrets;

/// <summary>
/// Masks a field's JSON value with the <see cref="SecretPolicy"/>. Applied to every field that can carry a connector's
/// <c>config</c>; queries, mutation payloads and subscription events all resolve through it, so no GraphQL read path
/// skips it. REST masks the same way when it renders documents (<c>ConnectorDocument.ToJson</c>).
/// </summary>
public sealed class SecretMaskingMiddleware : IFieldMiddleware
{
    public static SecretMaskingMiddleware Instance { get; } = new();

    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next) =>
        await next(context) switch
        {
            JsonObject obj => SecretPolicy.MaskConfig(obj),
            JsonNode node => SecretPolicy.MaskNode(node),
            var other => other,
        };
}
