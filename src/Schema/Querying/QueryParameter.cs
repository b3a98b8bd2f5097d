using System.Collections.Concurrent;
using System.Linq.Expressions;

namespace Coco.Connectors.Querying;

/// <summary>
/// Wraps a value so EF Core sends it as a SQL parameter rather than inlining a literal: one cached query plan per
/// query shape instead of one per value (and no user text spliced into SQL). Every filter, search and cursor value
/// passes here, so text holding U+0000 is refused here: PostgreSQL text cannot carry it (the statement would fail as a
/// server error) and no stored text holds it (writes refuse it), so both stores refuse it alike.
/// </summary>
public static class QueryParameter
{
    // One factory per CLR type, built once: the untyped overload runs for every filter value and cursor key of every
    // request, and resolving the generic method by reflection each time showed up in the per-request cost.
    private static readonly ConcurrentDictionary<Type, Func<object?, Expression>> Factories = new();

    public static Expression For<T>(T value)
    {
        RefuseNul(value);
        return Expression.Property(Expression.Constant(new Holder<T>(value)), nameof(Holder<T>.Value));
    }

    public static Expression For(object? value, Type type) => Factories.GetOrAdd(type, MakeFactory)(value);

    private static Func<object?, Expression> MakeFactory(Type type) =>
        (Func<object?, Expression>)typeof(QueryParameter).GetMethod(nameof(ForBoxed), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).CreateDelegate(typeof(Func<object?, Expression>));

    private static Expression ForBoxed<T>(object? value) => For((T)value!);

    /// <summary>Throws a <see cref="QueryException"/> when <paramref name="value"/> is text (or a list of text) holding U+0000.</summary>
    public static void RefuseNul<T>(T value)
    {
        var nul = value switch
        {
            string text => text.Contains('\0', StringComparison.Ordinal),
            IEnumerable<string?> texts => texts.Any(t => t?.Contains('\0', StringComparison.Ordinal) == true),
            _ => false,
        };
        if (nul)
        {
            throw new QueryException("value", "A filter, search or cursor value contains the NUL character (U+0000), which no stored text can hold.",
                QueryErrorCodes.NulCharacter);
        }
    }

    private sealed record Holder<T>(T Value);
}
