using Coco.Connectors.GraphQLApi.Connectors;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Paging;

/// <summary>The connection returned by <c>connectors</c> (HotChocolate names it after the field).</summary>
public sealed class ConnectorsConnectionType : ObjectGraphType<ConnectorsConnection>
{
    public ConnectorsConnectionType(ConnectorReader reader)
    {
        Name = "ConnectorsConnection";
        Description = "A page of connectors with keyset cursors that stay valid while connectors are added and removed.";
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Paging information for this page.")
            .Resolve(ctx => ToPageInfo(ctx.Source.Page));
        Field<ListGraphType<NonNullGraphType<ConnectorsEdgeType>>>("edges").Description("The connectors of this page, each with its cursor.")
            .Resolve(ctx => ctx.Source.Page.Items.Select(c => new ConnectorsEdge(c, ctx.Source.Page)));
        Field<ListGraphType<NonNullGraphType<ConnectorType>>>("nodes").Description("The connectors of this page, without cursors.")
            .Resolve(ctx => ctx.Source.Page.Items);
        // Normally counted by the `connectors` resolver together with the page (it sees totalCount in its selection).
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many connectors match the filter and query in all pages. Counted only when asked for.")
            .ResolveAsync(async ctx => ctx.Source.Page.TotalCount ?? await reader.CountAsync(ctx.Source.Query, ctx.CancellationToken));
    }

    private static PageInfo ToPageInfo(KeysetPage page) => new(
        page.HasNextPage,
        page.HasPreviousPage,
        page.Items.Count == 0 ? null : page.CursorOf(page.Items[0]),
        page.Items.Count == 0 ? null : page.CursorOf(page.Items[^1]));
}
