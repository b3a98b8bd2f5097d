using System.Linq.Expressions;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;

namespace Coco.Connectors.Querying;

/// <summary>
/// Tests of one tag that are not an equality with a value (<c>tags:value</c>, <c>tags some contains</c>), moved onto the
/// few distinct tags in use: both stores keep those with their counts (trigger-kept count tables, read as
/// <see cref="NameCount"/> rows), so the tags that pass the test are found there, by the same test the store would run on
/// each row, and the connectors holding them through the tag index. The category and the processor's name go the same
/// way through <see cref="KeptValueTest"/>, which shares <see cref="Named"/> and <see cref="Names"/>.
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
}
