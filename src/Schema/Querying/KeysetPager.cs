using System.Linq.Expressions;
using Coco.Connectors.Connectors;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

/// <summary>Relay-style paging arguments: <c>first</c>/<c>after</c> forwards, <c>last</c>/<c>before</c> backwards.</summary>
public sealed record KeysetRequest(int? First = null, string? After = null, int? Last = null, string? Before = null);

/// <summary>One page of a keyset walk; <see cref="CursorOf"/> gives the cursor of any of its rows.</summary>
public sealed record KeysetPage(IReadOnlyList<Connector> Items, bool HasNextPage, bool HasPreviousPage, IReadOnlyList<SortKey> Order)
{
    public string CursorOf(Connector row) => CursorCodec.Encode(Order, row);
}

/// <summary>
/// Keyset (seek) paging over <see cref="IQueryable{Connector}"/>, executed by the database: a cursor holds the sort key
/// values of its row, and the next page is "rows ordered after those values" rather than "skip n rows". Rows inserted or
/// deleted between requests therefore never cause duplicates or skips among the rows that stay.
/// </summary>
/// <remarks>
/// The order must be total (end with <c>id</c>, see <see cref="ConnectorQuery.TotalOrder"/>). Nullable keys sort null
/// as the smallest value, matching <see cref="ConnectorQuery.Sort"/>. One row more than asked for is read to answer
/// hasNextPage (hasPreviousPage for <c>last</c>); across a cursor the answer comes from an EXISTS query, as Relay allows,
/// which makes <c>hasPreviousPage</c> true after <c>after</c> exactly when rows precede the page (HotChocolate's meaning).
/// </remarks>
public static class KeysetPager
{
    public static async Task<KeysetPage> ReadAsync(
        IQueryable<Connector> filtered, IReadOnlyList<SortKey> order, KeysetRequest request, PageLimits limits, CancellationToken ct)
    {
        var first = request.First is null && request.Last is null ? limits.DefaultPageSize : request.First is { } f ? limits.Size(f, "first") : (int?)null;
        var last = request.Last is { } l ? limits.Size(l, "last") : (int?)null;
        var after = request.After is null ? null : CursorCodec.Decode(request.After, "after", order);
        var before = request.Before is null ? null : CursorCodec.Decode(request.Before, "before", order);
        var reversed = order.Select(k => k.Reversed).ToList();

        var bounded = filtered;
        if (after is not null)
        {
            bounded = bounded.Where(Beyond(order, after));
        }

        if (before is not null)
        {
            bounded = bounded.Where(Beyond(reversed, before));
        }

        List<Connector> rows;
        bool hasNext, hasPrevious;
        if (first is { } take)
        {
            rows = await ConnectorQuery.Sort(bounded, order).Take(take + 1).ToListAsync(ct);
            hasNext = rows.Count > take;
            rows = rows.Take(take).ToList();
            hasPrevious = last is { } keep && rows.Count > keep;
            if (hasPrevious)
            {
                rows = rows.TakeLast(last!.Value).ToList();
            }
        }
        else
        {
            var takeLast = last!.Value;
            rows = await ConnectorQuery.Sort(bounded, reversed).Take(takeLast + 1).ToListAsync(ct);
            hasPrevious = rows.Count > takeLast;
            rows = rows.Take(takeLast).Reverse().ToList();
            hasNext = false;
        }

        // Outside the cursor bounds: is there anything at or beyond the other side of a cursor?
        if (!hasNext && before is not null)
        {
            hasNext = await filtered.Where(Predicates.Not(Beyond(reversed, before))).AnyAsync(ct);
        }

        if (!hasPrevious && after is not null)
        {
            hasPrevious = await filtered.Where(Predicates.Not(Beyond(order, after))).AnyAsync(ct);
        }

        return new KeysetPage(rows, hasNext, hasPrevious, order);
    }

    /// <summary>
    /// Rows strictly after the position <paramref name="values"/> in <paramref name="order"/>:
    /// <c>k1 &gt; v1 OR (k1 = v1 AND (k2 &gt; v2 OR (…)))</c>, led by <c>k1 &gt;= v1</c> when k1 is a plain column so the
    /// database can seek in the (k1, id) index instead of scanning.
    /// </summary>
    public static Expression<Func<Connector, bool>> Beyond(IReadOnlyList<SortKey> order, IReadOnlyList<object?> values)
    {
        Expression body = Expression.Constant(false);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var access = order[i].Field.Access(Predicates.Connector);
            var equal = ValueExpressions.Equal(access, values[i]);
            body = i == order.Count - 1
                ? Further(access, order[i].Descending, values[i])
                : Expression.OrElse(Further(access, order[i].Descending, values[i]), Expression.AndAlso(equal, body));
        }

        var lead = order[0];
        if (order.Count > 1 && !lead.Field.Nullable && lead.Field.Kind is QueryFieldKind.String or QueryFieldKind.DateTime)
        {
            var access = lead.Field.Access(Predicates.Connector);
            var seek = ValueExpressions.Compare(access, lead.Descending ? ExpressionType.LessThanOrEqual : ExpressionType.GreaterThanOrEqual, values[0]!);
            body = Expression.AndAlso(seek, body);
        }

        return Predicates.Lambda(body);
    }

    /// <summary>The key is strictly further along than <paramref name="value"/> in its direction; null is the smallest value.</summary>
    private static Expression Further(Expression access, bool descending, object? value)
    {
        Expression IsNull() => ValueExpressions.Equal(access, null);
        return (value, descending) switch
        {
            (null, false) => Expression.Not(IsNull()),
            (null, true) => Expression.Constant(false),
            (bool b, false) => b ? Expression.Constant(false) : Expression.Equal(access, Expression.Constant(true)),
            (bool b, true) => b ? Expression.Equal(access, Expression.Constant(false)) : Expression.Constant(false),
            (_, false) => ValueExpressions.Compare(access, ExpressionType.GreaterThan, value),
            (_, true) when ValueExpressions.IsNullable(access.Type) => Expression.OrElse(IsNull(), ValueExpressions.Compare(access, ExpressionType.LessThan, value)),
            (_, true) => ValueExpressions.Compare(access, ExpressionType.LessThan, value),
        };
    }
}
