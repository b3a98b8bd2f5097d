using System.Linq.Expressions;
using Coco.Connectors.Connectors;

namespace Coco.Connectors.Querying;

public sealed record SortKey(QueryField Field, bool Descending);

/// <summary>
/// The one query model: what REST <c>query/filter/sort</c> and GraphQL <c>query/where/order</c> both compile to.
/// Applied to <see cref="IQueryable{Connector}"/> so the database filters, orders, counts and pages.
/// </summary>
public sealed record ConnectorQuery(Expression<Func<Connector, bool>>? Filter, IReadOnlyList<SortKey> Order)
{
    /// <summary>Newest first, as Coco's <c>_search</c> does.</summary>
    public static IReadOnlyList<SortKey> DefaultOrder { get; } = [new(QueryFields.Created, Descending: true)];

    public static ConnectorQuery All { get; } = new(null, DefaultOrder);

    /// <summary>The requested order, finished with <c>id</c> so that it is total (keyset cursors depend on it).</summary>
    public IReadOnlyList<SortKey> TotalOrder =>
        Order.Any(k => k.Field == QueryFields.Id)
            ? Order
            : [.. (Order.Count == 0 ? DefaultOrder : Order), new SortKey(QueryFields.Id, Order.LastOrDefault()?.Descending ?? true)];

    public IQueryable<Connector> Where(IQueryable<Connector> source) => Filter is null ? source : source.Where(Filter);

    public IQueryable<Connector> Apply(IQueryable<Connector> source) => Sort(Where(source), TotalOrder);

    public static IOrderedQueryable<Connector> Sort(IQueryable<Connector> source, IReadOnlyList<SortKey> order)
    {
        IOrderedQueryable<Connector>? sorted = null;
        foreach (var key in order)
        {
            var method = (sorted is null, key.Descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            var selector = key.Field.Selector;
            var call = Expression.Call(typeof(Queryable), method, [typeof(Connector), selector.ReturnType],
                (sorted ?? source).Expression, Expression.Quote(selector));
            sorted = (IOrderedQueryable<Connector>)source.Provider.CreateQuery<Connector>(call);
        }

        return sorted ?? source.OrderBy(c => c.Id);
    }
}
