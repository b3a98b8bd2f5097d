using System.Linq.Expressions;

namespace Coco.Connectors.Querying;

/// <summary>Lists the <see cref="KeptValueTest"/>s of a filter with the node each one is (outermost first; a test's own parts are not searched).</summary>
internal sealed class KeptValueFinder(List<(Expression Node, KeptValueTest Test)> found) : ExpressionVisitor
{
    public override Expression? Visit(Expression? node)
    {
        if (node is not null && KeptValueTest.Find(node) is { } test)
        {
            found.Add((node, test));
            return node;
        }

        return base.Visit(node);
    }
}
