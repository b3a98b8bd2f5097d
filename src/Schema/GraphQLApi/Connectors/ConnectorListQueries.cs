using Coco.Connectors.Auth;
using Coco.Connectors.GraphQLApi.Filtering;
using Coco.Connectors.GraphQLApi.Paging;
using Coco.Connectors.GraphQLApi.Sorting;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>
/// Lists of connectors: <c>connectors</c> (keyset cursor paging), <c>connectorsPage</c> (offset paging) and
/// <c>connectorCategories</c> (facet counts). All three compile <c>query</c>/<c>where</c>/<c>order</c> into the one
/// <see cref="ConnectorQuery"/> that REST <c>_search</c> uses, so the database does all filtering, ordering and counting.
/// </summary>
public static class ConnectorListQueries
{
    public static void AddFields(ObjectGraphType query, ConnectorReader reader)
    {
        query.Field<ConnectorsConnectionType>("connectors")
            .RequirePermission(Permissions.Search)
            .Description("Connectors, a page at a time, with cursors. Newest first unless `order` says otherwise.")
            .Argument<IntGraphType>("first", a => a.Description = "How many connectors to return from the start (or after `after`); at most 50, 10 when neither `first` nor `last` is given.")
            .Argument<StringGraphType>("after", a => a.Description = "Return connectors after the one with this cursor.")
            .Argument<IntGraphType>("last", a => a.Description = "How many connectors to return from the end (or before `before`); at most 50.")
            .Argument<StringGraphType>("before", a => a.Description = "Return connectors before the one with this cursor.")
            .Arguments(SearchArguments(withOrder: true))
            .ResolveAsync(async ctx =>
            {
                var model = ListArguments.ToConnectorQuery(ctx);
                var request = new KeysetRequest(
                    ListArguments.Int(ctx, "first"), ListArguments.Raw(ctx, "after") as string,
                    ListArguments.Int(ctx, "last"), ListArguments.Raw(ctx, "before") as string);
                var page = await reader.ReadPageAsync(model, request, PageLimits.GraphQL, ListArguments.Selects(ctx, "totalCount"), ctx.CancellationToken, SelectedColumns.Of(ctx));
                return new ConnectorsConnection(page, model);
            });

        query.Field<ConnectorsPageCollectionSegmentType>("connectorsPage")
            .RequirePermission(Permissions.Search)
            .Description("Connectors, a page at a time, by position (skip/take). Prefer `connectors` when the list may change while paging.")
            .Argument<IntGraphType>("skip", a => a.Description = "How many connectors to pass over first (default 0).")
            .Argument<IntGraphType>("take", a => a.Description = "How many connectors to return; at most 50, default 10.")
            .Arguments(SearchArguments(withOrder: true))
            .ResolveAsync(async ctx =>
            {
                var skip = ListArguments.Int(ctx, "skip") ?? 0;
                PageLimits.CheckNotNegative(skip, "skip");
                var take = PageLimits.GraphQL.Size(ListArguments.Int(ctx, "take"), "take");
                var model = ListArguments.ToConnectorQuery(ctx);
                var slice = await reader.ReadAsync(model, skip, take, ListArguments.Selects(ctx, "totalCount"), ctx.CancellationToken, SelectedColumns.Of(ctx));
                return new ConnectorsSegment(slice, skip, model);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryCountType>>>>("connectorCategories")
            .RequirePermission(Permissions.Search)
            .Description("How many connectors there are per category, most common first, among those matching `query` and `where`. Connectors without a category are not counted.")
            .Arguments(SearchArguments(withOrder: false))
            .ResolveAsync(async ctx =>
                await reader.CountByCategoryAsync(ListArguments.ToConnectorQuery(ctx), int.MaxValue, ctx.CancellationToken));
    }

    private static QueryArgument[] SearchArguments(bool withOrder)
    {
        var arguments = new List<QueryArgument>
        {
            new QueryArgument<StringGraphType>
            {
                Name = "query",
                Description = "Free-text search, case-insensitive: every word must appear in the name, description, category, tags or processor name; `field:value` searches one of those fields.",
            },
            new QueryArgument<ConnectorFilterInputType> { Name = "where", Description = "Conditions the connectors must meet (case-sensitive for text)." },
        };
        if (withOrder)
        {
            arguments.Add(new QueryArgument<ListGraphType<NonNullGraphType<ConnectorSortInputType>>>
            {
                Name = "order",
                Description = "Sort keys, applied in list order; default `[{created: DESC}]`. Ties are always broken by id.",
            });
        }

        return [.. arguments];
    }
}
