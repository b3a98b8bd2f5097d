using System.Linq.Expressions;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Querying;

/// <summary>
/// The one query model: what REST <c>query/filter/sort</c> and GraphQL <c>query/where/order</c> both compile to.
/// Applied to <see cref="IQueryable{Connector}"/> so the database filters, orders, counts and pages.
/// </summary>
public sealed record ConnectorQuery(Expression<Func<Connector, bool>>? Filter, IReadOnlyList<SortKey> Order)
{
    /// <summary>Newest first, as Coco's <c>_search</c> does.</summary>
    public static IReadOnlyList<SortKey> DefaultOrder { get; } = [new(QueryFields.Created, Descending: true)];

    /// <summary>The requested order, finished with <c>id</c> so that it is total (keyset cursors depend on it).</summary>
    public IReadOnlyList<SortKey> TotalOrder =>
        Order.Any(k => k.Field == QueryFields.Id)
            ? Order
            : [.. (Order.Count == 0 ? DefaultOrder : Order), new SortKey(QueryFields.Id, Order.LastOrDefault()?.Descending ?? true)];

    public IQueryable<Connector> Where(IQueryable<Connector> source) => Filter is null ? source : source.Where(Filter);

    public IQueryable<Connector> Apply(IQueryable<Connector> source) => Sort(Where(source), TotalOrder);

    /// <summary>
    /// Orders by the keys in turn. A nullable key orders nulls as the smallest value (first ascending, last descending)
    /// through an explicit <c>x == null ? 0 : 1</c> key, because SQLite and PostgreSQL disagree on where NULL sorts.
    /// </summary>
    public static IOrderedQueryable<Connector> Sort(IQueryable<Connector> source, IReadOnlyList<SortKey> order)
    {
        IOrderedQueryable<Connector>? sorted = null;
        foreach (var key in order)
        {
            foreach (var selector in OrderingSelectors(key.Field))
            {
                var method = (sorted is null, key.Descending) switch
                {
                    (true, false) => nameof(Queryable.OrderBy),
                    (true, true) => nameof(Queryable.OrderByDescending),
                    (false, false) => nameof(Queryable.ThenBy),
                    (false, true) => nameof(Queryable.ThenByDescending),
                };
                var call = Expression.Call(typeof(Queryable), method, [typeof(Connector), selector.ReturnType],
                    (sorted ?? source).Expression, Expression.Quote(selector));
                sorted = (IOrderedQueryable<Connector>)source.Provider.CreateQuery<Connector>(call);
            }
        }

        return sorted ?? source.OrderBy(c => c.Id);
    }

    /// <summary>The SQL ordering expressions of one key: a null flag first for nullable fields, then the value.</summary>
    private static IEnumerable<LambdaExpression> OrderingSelectors(QueryField field)
    {
        if (field.Nullable)
        {
            var access = field.Access(Predicates.Connector);
            var isNull = Expression.Condition(
                Expression.Equal(access, Expression.Constant(null, access.Type)), Expression.Constant(0), Expression.Constant(1));
            yield return Expression.Lambda<Func<Connector, int>>(isNull, Predicates.Connector);
        }

        yield return field.Selector;
    }
}
