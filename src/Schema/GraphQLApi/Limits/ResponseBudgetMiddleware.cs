using GraphQL;
using GraphQL.Instrumentation;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// Charges the execution's <see cref="ResponseBudget"/> for every value that can be large — text, JSON (a connector's
/// <c>config</c>, after masking), lists of text — as soon as a resolver produces it. Installed schema-wide, so no field
/// and no transport escapes it; other values are bounded by the cost model.
/// </summary>
public sealed class ResponseBudgetMiddleware : IFieldMiddleware
{
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var value = await next(context);
        if (context.UserContext.TryGetValue(ResponseBudget.ContextKey, out var found) && found is ResponseBudget budget
            && ResponseSize.LowerBound(value) is > 0 and var bytes)
        {
            budget.Charge(bytes);
        }

        return value;
    }
}
