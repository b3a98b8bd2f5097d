using Coco.Connectors.Querying;

namespace Coco.Connectors.GraphQLApi.Filtering;

/// <summary>The operation input a field of each <see cref="QueryFieldKind"/> is filtered with.</summary>
public static class OperationFilterTypes
{
    public static Type For(QueryFieldKind kind) => kind switch
    {
        QueryFieldKind.String => typeof(StringOperationFilterInputType),
        QueryFieldKind.Boolean => typeof(BooleanOperationFilterInputType),
        QueryFieldKind.DateTime => typeof(DateTimeOperationFilterInputType),
        QueryFieldKind.Int => typeof(IntOperationFilterInputType),
        QueryFieldKind.StringList => typeof(ListStringOperationFilterInputType),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no filter input for this kind"),
    };
}
