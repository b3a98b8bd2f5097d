using Coco.Connectors.Connectors;
using Coco.Connectors.Data;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.Data.Paging;

/// <summary>What <c>connectors</c> resolves to: one keyset page plus the query, so totalCount can count on demand.</summary>
public sealed record ConnectorsConnection(KeysetPage Page, ConnectorQuery Query);

/// <summary>What <c>connectorsPage</c> resolves to: one offset page plus the query, so totalCount can count on demand.</summary>
public sealed record ConnectorsSegment(ConnectorSlice Slice, int Skip, ConnectorQuery Query);

public sealed record ConnectorsEdge(Connector Node, KeysetPage Page);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where this page sits in the whole list, and the cursors to move from it.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("Whether more items follow this page.").Resolve(ctx => ctx.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Description("Whether items precede this page.").Resolve(ctx => ctx.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Description("The cursor of the first item; pass it as `before` to page backwards.").Resolve(ctx => ctx.Source.StartCursor);
        Field<StringGraphType>("endCursor").Description("The cursor of the last item; pass it as `after` to page forwards.").Resolve(ctx => ctx.Source.EndCursor);
    }
}

/// <summary>The connection returned by <c>connectors</c> (HotChocolate names it after the field).</summary>
public sealed class ConnectorsConnectionType : ObjectGraphType<ConnectorsConnection>
{
    public ConnectorsConnectionType()
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
            .ResolveAsync(async ctx => ctx.Source.Page.TotalCount ?? await ListArguments.Reader(ctx).CountAsync(ctx.Source.Query, ctx.CancellationToken));
    }

    private static PageInfo ToPageInfo(KeysetPage page) => new(
        page.HasNextPage,
        page.HasPreviousPage,
        page.Items.Count == 0 ? null : page.CursorOf(page.Items[0]),
        page.Items.Count == 0 ? null : page.CursorOf(page.Items[^1]));
}

public sealed class ConnectorsEdgeType : ObjectGraphType<ConnectorsEdge>
{
    public ConnectorsEdgeType()
    {
        Name = "ConnectorsEdge";
        Description = "A connector and its position in the list.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("An opaque position; valid only with the same `order`.")
            .Resolve(ctx => ctx.Source.Page.CursorOf(ctx.Source.Node));
        Field<NonNullGraphType<ConnectorType>>("node").Description("The connector.").Resolve(ctx => ctx.Source.Node);
    }
}

public sealed class CollectionSegmentInfoType : ObjectGraphType<ConnectorsSegment>
{
    public CollectionSegmentInfoType()
    {
        Name = "CollectionSegmentInfo";
        Description = "Whether items exist before and after an offset page.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("Whether items follow this page.").Resolve(ctx => ctx.Source.Slice.HasMore);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Description("Whether items were skipped before this page.").Resolve(ctx => ctx.Source.Skip > 0);
    }
}

/// <summary>The offset page returned by <c>connectorsPage</c> (HotChocolate names it after the field).</summary>
public sealed class ConnectorsPageCollectionSegmentType : ObjectGraphType<ConnectorsSegment>
{
    public ConnectorsPageCollectionSegmentType()
    {
        Name = "ConnectorsPageCollectionSegment";
        Description = "A page of connectors found by offset (skip/take).";
        Field<NonNullGraphType<CollectionSegmentInfoType>>("pageInfo").Description("Paging information for this page.").Resolve(ctx => ctx.Source);
        Field<ListGraphType<NonNullGraphType<ConnectorType>>>("items").Description("The connectors of this page.").Resolve(ctx => ctx.Source.Slice.Items);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many connectors match the filter and query in all pages. Counted only when asked for.")
            .ResolveAsync(async ctx => ctx.Source.Slice.TotalCount ?? await ListArguments.Reader(ctx).CountAsync(ctx.Source.Query, ctx.CancellationToken));
    }
}
