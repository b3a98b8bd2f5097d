using Coco.Connectors.Domain;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class VersionConflictErrorType : ErrorType<VersionConflict>
{
    public VersionConflictErrorType()
        : base("VersionConflictError", "The connector changed since it was read: `expectedVersion` no longer matches. Read it again and retry.",
            "A sentence with both versions.", e => e.Message)
    {
        Field<NonNullGraphType<IdGraphType>>("id").Description("The connector's id.").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IntGraphType>>("expectedVersion").Description("The version the client sent.")
            .Resolve(ctx => ctx.Source.ExpectedVersion);
        Field<NonNullGraphType<IntGraphType>>("actualVersion").Description("The version currently stored.")
            .Resolve(ctx => ctx.Source.ActualVersion);
    }
}
