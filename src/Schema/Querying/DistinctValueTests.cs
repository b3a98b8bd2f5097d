using System.Linq.Expressions;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;

namespace Coco.Connectors.Querying;

/// <summary>
/// Tests of one tag or of the category that are not an equality with a value (<c>tags:value</c>, <c>category:value</c>,
/// <c>tags some contains</c>), moved onto the few distinct values in use: both stores keep those values with their counts
/// (trigger-kept count tables, read as <see cref="NameCount"/> rows), so the values that pass the test are found there,
/// by the same test the store would run on each row, and the connectors holding them through the tag or category index.
/// Shared by <see cref="SqliteIndexedFilter"/> and <see cref="PostgresIndexedFilter"/>.
/// </summary>
internal static class DistinctValueTests
{
    /// <summary>
    /// The connector and the test of one tag, when <paramref name="node"/> is <c>c.Tags.Any(test)</c> with a test that reads
    /// nothing but the tag and captured values (so it can run on the count table) and that is not a list of values
    /// (<see cref="SqliteIndexedFilter.TagValues"/>, which the tag index answers directly), else null.
    /// </summary>
    public static (ParameterExpression Owner, LambdaExpression Element)? TagTest(MethodCallExpression node) =>
        node.Method.DeclaringType == typeof(Enumerable) && node.Method.Name == nameof(Enumerable.Any) && node.Arguments.Count == 2
        && node.Arguments[0] is MemberExpression { Member.Name: nameof(Connector.Tags), Expression: ParameterExpression owner }
        && node.Arguments[1] is LambdaExpression element && SqliteIndexedFilter.TagValues(element) is null && OutsideParameters.Find(element) is null
            ? (owner, element)
            : null;

    /// <summary>
    /// The category and its test on a lower-cased name, when <paramref name="node"/> tests the lower-cased category:
    /// <c>c.Category.ToLower().Contains(v)</c> (<c>category:value</c>) or <c>c.Category.ToLower() == v</c> (REST's whole
    /// value); the key names the test for probes. No null passes either test, and a null category is in no count row.
    /// </summary>
    public static (MemberExpression Category, LambdaExpression Test, string Key)? CategoryTest(Expression node)
    {
        var name = Expression.Parameter(typeof(string), "n");
        var lowered = Expression.Call(name, SqliteIndexedFilter.StringToLower);
        return node switch
        {
            MethodCallExpression call when call.Method == SqliteIndexedFilter.StringContains && LoweredCategory(call.Object) is { } category
                && SqliteIndexedFilter.Value<string>(call.Arguments[0]) is { } part
                => (category, Expression.Lambda(Expression.Call(lowered, SqliteIndexedFilter.StringContains, call.Arguments[0]), name), $"contains:{part}"),
            BinaryExpression { NodeType: ExpressionType.Equal } equal when LoweredCategory(equal.Left) is { } category
                && SqliteIndexedFilter.Value<string>(equal.Right) is { } value
                => (category, Expression.Lambda(Expression.Equal(lowered, equal.Right), name), $"eq:{value}"),
            _ => null,
        };
    }

    /// <summary>The rows of a count table whose name passes <paramref name="test"/> (a one-string lambda).</summary>
    public static IQueryable<NameCount> Named(IQueryable<NameCount> counts, LambdaExpression test)
    {
        var row = Expression.Parameter(typeof(NameCount), "n");
        var body = new ParameterReplacer(test.Parameters[0], Expression.Property(row, nameof(NameCount.Name))).Visit(test.Body);
        return counts.Where(Expression.Lambda<Func<NameCount, bool>>(body, row));
    }

    /// <summary>The names of count-table rows (<c>SELECT Name</c>), as an <c>IQueryable&lt;string&gt;</c> expression.</summary>
    public static Expression Names(IQueryable<NameCount> rows) =>
        Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(NameCount), typeof(string)], rows.Expression,
            Expression.Quote((Expression<Func<NameCount, string>>)(n => n.Name)));

    /// <summary>
    /// The rows of <c>connector_categories</c> a rewritten filter selects, when it is nothing but a lookup of those
    /// categories (<c>c.Category IN (SELECT Name …)</c>, possibly after <c>c.Category != null</c>; on either store), else
    /// null: each connector has one category, so the sum of their kept counts is the number of matches.
    /// </summary>
    public static IQueryable<NameCount>? CategoriesOnly(ConnectorQuery indexed, CocoDbContext db)
    {
        var body = indexed.Filter?.Body;
        if (body is BinaryExpression { NodeType: ExpressionType.AndAlso, Left: BinaryExpression { NodeType: ExpressionType.NotEqual, Left: MemberExpression { Member.Name: nameof(Connector.Category), Expression: ParameterExpression }, Right: ConstantExpression { Value: null } }, Right: var rest })
        {
            body = rest;
        }

        return body is MethodCallExpression
        {
            Method.Name: nameof(Queryable.Contains),
            Arguments: [MethodCallExpression { Method.Name: nameof(Queryable.Select), Arguments: [var rows, _] }, MemberExpression { Member.Name: nameof(Connector.Category), Expression: ParameterExpression }],
        } call
            && call.Method.DeclaringType == typeof(Queryable) && rows.Type.IsAssignableTo(typeof(IQueryable<NameCount>))
            ? db.Connectors.AsQueryable().Provider.CreateQuery<NameCount>(rows)
            : null;
    }

    /// <summary><c>c.Category</c> when <paramref name="expression"/> is <c>c.Category.ToLower()</c>, else null.</summary>
    private static MemberExpression? LoweredCategory(Expression? expression) =>
        expression is MethodCallExpression { Object: MemberExpression { Member.Name: nameof(Connector.Category), Expression: ParameterExpression connector } category } lowered
            && lowered.Method == SqliteIndexedFilter.StringToLower && connector.Type == typeof(Connector)
            ? category
            : null;
}
