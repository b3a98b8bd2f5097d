using System.Linq.Expressions;

namespace Coco.Connectors.Querying;

/// <summary>
/// Wraps a value so EF Core sends it as a SQL parameter rather than inlining a literal: one cached query plan per
/// query shape instead of one per value (and no user text spliced into SQL).
/// </summary>
public static class QueryParameter
{
    public static Expression For<T>(T value) => Expression.Property(Expression.Constant(new Holder<T>(value)), nameof(Holder<T>.Value));

    public static Expression For(object? value, Type type) =>
        (Expression)typeof(QueryParameter).GetMethods().Single(m => m.Name == nameof(For) && m.IsGenericMethodDefinition)
            .MakeGenericMethod(type).Invoke(null, [value])!;

    private sealed record Holder<T>(T Value);
}
