using System.Linq.Expressions;

namespace Coco.Connectors.Querying;

/// <summary>
/// A connector field that may be filtered or sorted on: its GraphQL (camelCase) and REST (snake_case) names, how to
/// read it, its kind and nullability, and what the GraphQL filter and sort inputs say about it. Fields of a nested
/// object (<c>processor.name</c>) belong to a <see cref="Group"/>. <c>config</c> is deliberately absent: secrets are
/// neither filterable nor sortable.
/// </summary>
public sealed record QueryField(
    string Name,
    string RestName,
    LambdaExpression Selector,
    QueryFieldKind Kind,
    bool Nullable,
    string FilterDescription,
    string? SortDescription,
    QueryFieldGroup? Group = null)
{
    public bool Sortable => Kind != QueryFieldKind.StringList;

    /// <summary>The GraphQL name inside its group (<c>name</c> for <c>processor.name</c>).</summary>
    public string LeafName => Group is null ? Name : Name[(Group.Name.Length + 1)..];

    /// <summary>The selector's body with its parameter replaced by <paramref name="connector"/>.</summary>
    public Expression Access(ParameterExpression connector) =>
        new ParameterReplacer(Selector.Parameters[0], connector).Visit(Selector.Body);
}
