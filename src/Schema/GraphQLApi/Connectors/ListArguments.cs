using Coco.Connectors.GraphQLApi.Filtering;
using Coco.Connectors.GraphQLApi.Sorting;
using Coco.Connectors.Querying;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>
/// Reads the shared list arguments (<c>query</c>, <c>where</c>, <c>order</c>) into the one query model, and turns the
/// query model's refusals into GraphQL errors with HotChocolate-style <c>extensions</c>.
/// </summary>
public static class ListArguments
{
    /// <summary>The <see cref="ConnectorQuery"/> for this field's <c>query</c>, <c>where</c> and (if present) <c>order</c>.</summary>
    public static ConnectorQuery ToConnectorQuery(IResolveFieldContext ctx)
    {
        var text = FreeTextSearch.Build(Raw(ctx, "query") as string);
        var where = WhereCompiler.Compile(Raw(ctx, "where") as IDictionary<string, object?>);
        var order = SortArgument.ToSortKeys(Raw(ctx, "order") as IEnumerable<object?>, WrittenSortOrder.Of(ctx, "order"));
        return new ConnectorQuery(Predicates.And([text, where.Predicate]), order.Count == 0 ? ConnectorQuery.DefaultOrder : order);
    }

    /// <summary>The connector reader, from the request's services (the schema's graph types are singletons).</summary>
    public static ConnectorReader Reader(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<ConnectorReader>();

    /// <summary>The argument's value as parsed by GraphQL (dictionaries for input objects), or null when absent.</summary>
    public static object? Raw(IResolveFieldContext ctx, string name) =>
        ctx.Arguments is { } arguments && arguments.TryGetValue(name, out var value) ? value.Value : null;

    /// <summary>
    /// Whether the field's own selection asks for <paramref name="field"/> (under any alias, also through fragments), so
    /// a list resolver can count in the same database round as the page instead of in a second resolver.
    /// </summary>
    public static bool Selects(IResolveFieldContext ctx, string field)
    {
        if (ctx.SubFields is { } selected)
        {
            foreach (var (_, (_, type)) in selected)
            {
                if (type.Name == field)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static int? Int(IResolveFieldContext ctx, string name) => Raw(ctx, name) is int value ? value : null;

    /// <summary>Runs <paramref name="resolve"/>, reporting a <see cref="QueryException"/> as a field error (the field becomes null).</summary>
    public static async Task<object?> GuardAsync(IResolveFieldContext ctx, Func<Task<object?>> resolve)
    {
        try
        {
            return await resolve();
        }
        catch (QueryException e)
        {
            throw ToExecutionError(e, $"{ctx.ParentType.Name}.{ctx.FieldDefinition.Name}");
        }
    }

    /// <summary>
    /// <c>extensions</c> as HotChocolate writes them: <c>code</c> and the details side by side (e.g. requestedItems,
    /// maxAllowedItems) plus the field's <c>coordinate</c> (and <c>field</c>, its v13/v14 name).
    /// </summary>
    public static ExecutionError ToExecutionError(QueryException e, string coordinate)
    {
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
