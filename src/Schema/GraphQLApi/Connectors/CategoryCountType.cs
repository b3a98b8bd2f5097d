using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class CategoryCountType : ObjectGraphType<CategoryCount>
{
    public CategoryCountType()
    {
        Name = "CategoryCount";
        Description = "The number of connectors in one category.";
        Field<NonNullGraphType<StringGraphType>>("category").Description("The category.").Resolve(ctx => ctx.Source.Category);
        Field<NonNullGraphType<IntGraphType>>("count").Description("How many matching connectors have this category.").Resolve(ctx => ctx.Source.Count);
    }
}
