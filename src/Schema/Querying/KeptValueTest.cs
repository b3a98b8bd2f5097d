using System.Linq.Expressions;
using System.Reflection;
using Coco.Connectors.Storage;

namespace Coco.Connectors.Querying;

/// <summary>
/// A test of a <see cref="KeptValues"/> column that reads nothing else of the connector, as the store indexes answer
/// it: <see cref="Test"/> applied to the distinct values in use (<see cref="KeptValues.Counts"/>) names the values whose
/// connectors match, which the column's index then finds. A connector without a value matches only when
/// <see cref="OrNull"/>. Found by <see cref="Find"/> in two shapes:
/// <list type="bullet">
/// <item><c>c.Col != null &amp;&amp; test(c.Col)</c>, the null-safe form every string operator (<c>contains</c>,
/// <c>startsWith</c>, <c>gt</c>…) and <c>field:value</c> in <c>query</c> compile to;</item>
/// <item><c>!(c.Col == v)</c> (<c>neq</c>): the values other than v, or no value.</item>
/// </list>
/// Equality and <c>in</c> are left as they are (a seek of the column's index) and counted from the kept counts.
/// </summary>
internal sealed record KeptValueTest(KeptValues Kept, Expression Column, LambdaExpression Test, bool OrNull)
{
    private static readonly MethodInfo StringConcat = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;

    /// <summary>The test <paramref name="node"/> is, or null.</summary>
    public static KeptValueTest? Find(Expression node)
    {
        if (node is BinaryExpression { NodeType: ExpressionType.AndAlso, Left: BinaryExpression { NodeType: ExpressionType.NotEqual, Left: var column, Right: ConstantExpression { Value: null } }, Right: var rest }
            && KeptValues.Of(column) is { } kept && OnValue(kept, rest) is { } test)
        {
            return new(kept, column, test, OrNull: false);
        }

        if (node is UnaryExpression { NodeType: ExpressionType.Not, Operand: BinaryExpression { NodeType: ExpressionType.Equal, Left: var compared, Right: var value } }
            && KeptValues.Of(compared) is { } other && SqliteIndexedFilter.Value<string>(value) is not null)
        {
            var name = Expression.Parameter(typeof(string), "n");
            return new(other, compared, Expression.Lambda(Expression.NotEqual(name, value), name), OrNull: true);
        }

        return null;
    }

    /// <summary>The distinct values that pass <see cref="Test"/>.</summary>
    public IQueryable<NameCount> Matching(IQueryable<NameCount> counts) => DistinctValueTests.Named(counts, Test);

    /// <summary>
    /// The test as a lookup of <paramref name="values"/> (a query of names or a list of them) in the column's index:
    /// <c>c.Col != null &amp;&amp; c.Col IN values</c>, or <c>c.Col == null || c.Col IN values</c> when a missing value matches.
    /// The explicit null test keeps the rewrite exact under a negation (SQL's <c>NULL IN …</c> is unknown, not false).
    /// </summary>
    public Expression In(Expression values)
    {
        var contains = values.Type.IsAssignableTo(typeof(IQueryable<string>))
            ? Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(string)], values, Column)
            : Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], values, Column);
        var missing = Expression.Constant(null, typeof(string));
        return OrNull
            ? Expression.OrElse(Expression.Equal(Column, missing), contains)
            : Expression.AndAlso(Expression.NotEqual(Column, missing), contains);
    }

    /// <summary>
    /// The test <paramref name="node"/> as no index of the column answers it, so that a page walks the order's index
    /// testing each row: <c>c.Col != null &amp;&amp; test(c.Col || '')</c>, the same rows (the column is not
    /// null where the test reads it; EF Core drops a <c>COALESCE</c> of a column it knows is not null, not this), where SQLite would otherwise seek an <c>in</c> list or a range in the column's
    /// index and sort every match. (<c>neq</c>, <c>c.Col &lt;&gt; v OR c.Col IS NULL</c>, is no index's range already.)
    /// </summary>
    public Expression Unindexed(Expression node)
    {
        if (OrNull)
        {
            return node;
        }

        var value = Expression.Add(Column, Expression.Constant(string.Empty), StringConcat);
        return Expression.AndAlso(
            Expression.NotEqual(Column, Expression.Constant(null, typeof(string))),
            new ParameterReplacer(Test.Parameters[0], value).Visit(Test.Body));
    }

    /// <summary><paramref name="test"/> as a lambda over the value alone, when it reads the connector only through <paramref name="kept"/>'s column.</summary>
    private static LambdaExpression? OnValue(KeptValues kept, Expression test)
    {
        var name = Expression.Parameter(typeof(string), "n");
        var lambda = Expression.Lambda(new ColumnReplacer(kept, name).Visit(test), name);
        return OutsideParameters.Find(lambda) is null ? lambda : null;
    }

    private sealed class ColumnReplacer(KeptValues kept, ParameterExpression name) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) => kept.Reads(node) ? name : base.VisitMember(node);
    }
}
