using System.Linq.Expressions;

namespace Coco.Connectors.Querying;

/// <summary>
/// A connector field that may be filtered or sorted on, with its REST (snake_case) and GraphQL (camelCase) names.
/// <c>config</c> is deliberately absent: secrets are neither filterable nor sortable.
/// </summary>
public sealed record QueryField(string Name, string RestName, LambdaExpression Selector, QueryFieldKind Kind, bool Nullable)
{
    public bool Sortable => Kind != QueryFieldKind.StringList;

    /// <summary>The selector's body with its parameter replaced by <paramref name="connector"/>.</summary>
    public Expression Access(ParameterExpression connector) =>
        new ParameterReplacer(Selector.Parameters[0], connector).Visit(Selector.Body);
}
