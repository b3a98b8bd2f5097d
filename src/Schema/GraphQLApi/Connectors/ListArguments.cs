using Coco.Connectors.GraphQLApi.Filtering;
using Coco.Connectors.GraphQLApi.Sorting;
using Coco.Connectors.Querying;
using GraphQL;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>
/// Reads the shared list arguments (<c>query</c>, <c>where</c>, <c>order</c>) into the one query model; its refusals
/// become GraphQL errors in <see cref="QueryErrorMiddleware"/>.
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
}
