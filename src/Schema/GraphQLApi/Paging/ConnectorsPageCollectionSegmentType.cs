using Coco.Connectors.GraphQLApi.Connectors;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Paging;

/// <summary>The offset page returned by <c>connectorsPage</c> (HotChocolate names it after the field).</summary>
public sealed class ConnectorsPageCollectionSegmentType : ObjectGraphType<ConnectorsSegment>
{
    public ConnectorsPageCollectionSegmentType(ConnectorReader reader)
    {
        Name = "ConnectorsPageCollectionSegment";
        Description = "A page of connectors found by offset (skip/take).";
        Field<NonNullGraphType<CollectionSegmentInfoType>>("pageInfo").Description("Paging information for this page.").Resolve(ctx => ctx.Source);
        Field<ListGraphType<NonNullGraphType<ConnectorType>>>("items").Description("The connectors of this page.").Resolve(ctx => ctx.Source.Slice.Items);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many connectors match the filter and query in all pages. Counted only when asked for.")
            .ResolveAsync(async ctx => ctx.Source.Slice.TotalCount ?? await reader.CountAsync(ctx.Source.Query, ctx.CancellationToken));
    }
}
