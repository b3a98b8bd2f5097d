using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Instrumentation;

namespace Coco.Connectors.GraphQLApi;

/// <summary>
/// Reports a <see cref="QueryException"/> from any resolver as a field error (the field becomes null), with
/// <c>extensions</c> as HotChocolate writes them. Installed schema-wide, so resolvers just throw.
/// </summary>
public sealed class QueryErrorMiddleware : IFieldMiddleware
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        ValueTask<object?> resolved;
        try
        {
            resolved = next(context);
        }
        catch (QueryException e)
        {
            throw ToExecutionError(e, context);
        }

        // Most fields complete synchronously; only a pending one pays for the await.
        return resolved.IsCompletedSuccessfully ? resolved : AwaitAsync(resolved, context);
    }

    /// <summary>Runs a stream resolver (which the field middleware does not wrap), reporting refusals the same way.</summary>
    public static T Report<T>(IResolveFieldContext context, Func<T> resolve)
    {
        try
        {
            return resolve();
        }
        catch (QueryException e)
        {
            throw ToExecutionError(e, context);
        }
    }

    private static async ValueTask<object?> AwaitAsync(ValueTask<object?> resolved, IResolveFieldContext context)
    {
        try
        {
            return await resolved;
        }
        catch (QueryException e)
        {
            throw ToExecutionError(e, context);
        }
    }

    /// <summary>
    /// <c>extensions</c> as HotChocolate writes them: <c>code</c> and the details side by side (e.g. requestedItems,
    /// maxAllowedItems) plus the field's <c>coordinate</c> (and <c>field</c>, its v13/v14 name).
    /// </summary>
    private static ExecutionError ToExecutionError(QueryException e, IResolveFieldContext context)
    {
        var coordinate = $"{context.ParentType.Name}.{context.FieldDefinition.Name}";
        var error = new ExecutionError(e.Message) { Code = e.Code };
        error.Extensions ??= new Dictionary<string, object?>();
        error.Extensions["coordinate"] = coordinate;
        error.Extensions["field"] = coordinate; // HotChocolate v13/v14 clients read `field`, v15 `coordinate`
        foreach (var (key, value) in e.Details)
        {
            error.Extensions[key] = value;
        }

        return error;
    }
}
