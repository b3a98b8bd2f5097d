using System.Linq.Expressions;

namespace Coco.Connectors.Querying;

/// <summary>
/// Finds a parameter a lambda reads but does not declare (itself or in a lambda it holds), e.g. the connector in
/// <c>t =&gt; t == c.Name</c>: such a test cannot be moved to run over another table.
/// </summary>
internal sealed class OutsideParameters : ExpressionVisitor
{
    private readonly HashSet<ParameterExpression> declared = [];

    private ParameterExpression? found;

    public static ParameterExpression? Find(LambdaExpression lambda)
    {
        var visitor = new OutsideParameters();
        visitor.Visit(lambda);
        return visitor.found;
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        declared.UnionWith(node.Parameters);
        return base.VisitLambda(node);
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (!declared.Contains(node))
        {
            found ??= node;
        }

        return node;
    }
}
