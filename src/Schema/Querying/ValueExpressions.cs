using System.Linq.Expressions;
using System.Reflection;

namespace Coco.Connectors.Querying;

/// <summary>
/// The one expression builder of the query model: portable, null-safe predicates over one value (a connector field or
/// a tag) and their combinations (and/or/not, any/all over a list). The GraphQL <c>where</c> compiler, the REST
/// <c>filter</c> and <c>query</c> dialects and the free-text search all build through it, and <see cref="Predicates"/>
/// wraps its bodies as lambdas over one connector. Each translates to SQL that is case-sensitive and behaves the same
/// on SQLite and PostgreSQL, and gives the same answer when the expression is compiled and run in memory
/// (subscriptions test single connectors that way).
/// </summary>
/// <remarks>Values go through <see cref="QueryParameter"/> so EF Core sends them as SQL parameters.</remarks>
public static class ValueExpressions
{
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringSubstringFrom = typeof(string).GetMethod(nameof(string.Substring), [typeof(int)])!;
    private static readonly MethodInfo StringSubstringRange = typeof(string).GetMethod(nameof(string.Substring), [typeof(int), typeof(int)])!;
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly PropertyInfo StringLength = typeof(string).GetProperty(nameof(string.Length))!;
    private static readonly MethodInfo ValueLength = typeof(TextLength).GetMethod(nameof(TextLength.Of))!;

    /// <summary><c>access == value</c>; a null value means IS NULL. Non-nullable accesses are never equal to null.</summary>
    public static Expression Equal(Expression access, object? value)
    {
        if (value is null)
        {
            return IsNullable(access.Type) ? Expression.Equal(access, Expression.Constant(null, access.Type)) : Expression.Constant(false);
        }

        return Expression.Equal(access, TypedParameter(access.Type, value));
    }

    /// <summary>
    /// Case-sensitive substring test. EF Core translates <see cref="string.Contains(string)"/> to <c>instr(…) &gt; 0</c> on
    /// SQLite and <c>strpos(…) &gt; 0</c> on PostgreSQL — never to SQLite's case-insensitive LIKE. Null never contains anything.
    /// </summary>
    public static Expression Contains(Expression access, string value) =>
        WhenNotNull(access, Expression.Call(access, StringContains, QueryParameter.For(value)));

    /// <summary>
    /// Case-sensitive prefix test as <c>length(x) &gt;= length(v) AND substr(x, 1, length(v)) = v</c>, with <c>length(v)</c>
    /// counted where the test runs (<see cref="TextLength"/>): EF Core would turn
    /// <see cref="string.StartsWith(string)"/> into LIKE, which SQLite matches case-insensitively.
    /// </summary>
    public static Expression StartsWith(Expression access, string value)
    {
        var v = QueryParameter.For(value);
        var prefix = Expression.Call(access, StringSubstringRange, Expression.Constant(0), Length(v));
        return WhenNotNull(access, Expression.AndAlso(LongEnough(access, v), Expression.Equal(prefix, v)));
    }

    /// <summary>
    /// Case-sensitive suffix test as <c>substr(x, length(x) - length(v) + 1) = v</c>. The length guard matters: SQLite reads
    /// a negative start as counting from the end.
    /// </summary>
    public static Expression EndsWith(Expression access, string value)
    {
        var v = QueryParameter.For(value);
        var start = Expression.Subtract(Expression.Property(access, StringLength), Length(v));
        var suffix = Expression.Call(access, StringSubstringFrom, start);
        return WhenNotNull(access, Expression.AndAlso(LongEnough(access, v), Expression.Equal(suffix, v)));
    }

    /// <summary>
    /// <c>access IN (values)</c>. A null among the values matches null explicitly, because SQL's IN never matches NULL.
    /// </summary>
    public static Expression In(Expression access, IEnumerable<object?> values)
    {
        var list = values.ToList();
        var valueType = Nullable.GetUnderlyingType(access.Type) ?? access.Type;
        // Unwrapped, so a refused value (QueryParameter) reaches the caller as the QueryException it is.
        var contains = (Expression)InNonNullMethod.MakeGenericMethod(valueType)
            .Invoke(null, BindingFlags.DoNotWrapExceptions, null, [access, list.Where(v => v is not null)], null)!;
        return list.Any(v => v is null) ? Expression.OrElse(Equal(access, null), contains) : contains;
    }

    /// <summary>An ordering comparison (<see cref="ExpressionType.GreaterThan"/> …) of a value type or a string.</summary>
    public static Expression Compare(Expression access, ExpressionType comparison, object value)
    {
        if (access.Type == typeof(string))
        {
            // EF Core translates string.Compare(a, b) > 0 to a > b in the database's own collation.
            var compare = Expression.Call(StringCompare, access, TypedParameter(typeof(string), value));
            return WhenNotNull(access, Expression.MakeBinary(comparison, compare, Expression.Constant(0)));
        }

        return Expression.MakeBinary(comparison, access, TypedParameter(access.Type, value));
    }

    /// <summary><c>!predicate</c>.</summary>
    public static Expression Not(Expression predicate) => Expression.Not(predicate);

    /// <summary>Every one of <paramref name="parts"/> (nulls, "no condition", are skipped); null when none is left.</summary>
    public static Expression? And(IEnumerable<Expression?> parts) => Join(parts, Expression.AndAlso);

    /// <summary>At least one of <paramref name="parts"/> (nulls are skipped); null when none is left.</summary>
    public static Expression? Or(IEnumerable<Expression?> parts) => Join(parts, Expression.OrElse);

    /// <summary><c>list.Any()</c> (not empty), or <c>list.Any(item)</c> (some item matches).</summary>
    public static Expression Any(Expression list, LambdaExpression? item = null) => item is null
        ? Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [ItemType(list)], list)
        : Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [ItemType(list)], list, item);

    /// <summary><c>list.All(item)</c>: every item matches (true for an empty list).</summary>
    public static Expression All(Expression list, LambdaExpression item) =>
        Expression.Call(typeof(Enumerable), nameof(Enumerable.All), [ItemType(list)], list, item);

    /// <summary>The test of one item of <paramref name="list"/>, for <see cref="Any"/> and <see cref="All"/>.</summary>
    public static LambdaExpression Item(Expression list, Func<ParameterExpression, Expression> test)
    {
        var item = Expression.Parameter(ItemType(list), "t");
        return Expression.Lambda(test(item), item);
    }

    /// <summary><c>access != null</c>; always true for a value that cannot be null.</summary>
    public static Expression IsNotNull(Expression access) =>
        IsNullable(access.Type) ? Expression.NotEqual(access, Expression.Constant(null, access.Type)) : Expression.Constant(true);

    /// <summary>
    /// <paramref name="test"/> guarded so that compiled in memory it does not throw on null (SQL would yield NULL → false).
    /// </summary>
    public static Expression WhenNotNull(Expression access, Expression test) =>
        IsNullable(access.Type) ? Expression.AndAlso(Expression.NotEqual(access, Expression.Constant(null, access.Type)), test) : test;

    public static bool IsNullable(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    private static Expression LongEnough(Expression access, Expression value) =>
        Expression.GreaterThanOrEqual(Expression.Property(access, StringLength), Length(value));

    // The value's length counted where the test runs (SQL: characters; memory: UTF-16 units), as access's length is.
    private static Expression Length(Expression value) => Expression.Call(ValueLength, value);

    private static Expression? Join(IEnumerable<Expression?> parts, Func<Expression, Expression, BinaryExpression> join)
    {
        Expression? result = null;
        foreach (var part in parts)
        {
            if (part is not null)
            {
                result = result is null ? part : join(result, part);
            }
        }

        return result;
    }

    private static Type ItemType(Expression list) =>
        list.Type.IsGenericType && list.Type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? list.Type.GetGenericArguments()[0]
            : list.Type.GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)).GetGenericArguments()[0];

    private static Expression TypedParameter(Type type, object value) => QueryParameter.For(value, type);

    private static readonly MethodInfo InNonNullMethod = typeof(ValueExpressions).GetMethod(nameof(InNonNull), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Expression InNonNull<T>(Expression access, IEnumerable<object?> values)
    {
        var typed = values.Select(v => (T)v!).ToList();
        var item = access.Type == typeof(T) ? access : Expression.Convert(access, typeof(T));
        return WhenNotNull(access, Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(T)], QueryParameter.For(typed), item));
    }
}
