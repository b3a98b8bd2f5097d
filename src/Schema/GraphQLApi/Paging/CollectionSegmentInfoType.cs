using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Paging;

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
