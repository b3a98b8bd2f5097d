using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Paging;

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
