using System.Linq.Expressions;
using Coco.Connectors.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

/// <summary>
/// Keyset (seek) paging over <see cref="IQueryable{Connector}"/>, executed by the database: a cursor holds the sort key
/// values of its row, and the next page is "rows ordered after those values" rather than "skip n rows". Rows inserted or
/// deleted between requests therefore never cause duplicates or skips among the rows that stay.
/// </summary>
/// <remarks>
/// The order must be total (end with <c>id</c>, see <see cref="ConnectorQuery.TotalOrder"/>). Nullable keys sort null
/// as the smallest value, matching <see cref="ConnectorQuery.Sort"/>. One row more than asked for is read to answer
/// hasNextPage (hasPreviousPage for <c>last</c>). Across a cursor the answer is an EXISTS over the rows at or behind it,
/// which makes <c>hasPreviousPage</c> true after <c>after</c> exactly when rows precede the page (HotChocolate's meaning),
/// also after the cursor row was deleted. That EXISTS rides along in the page query as a column (one query per page,
/// an index seek), and only runs on its own when the page is empty or for a cursor ahead of the direction of travel.
/// </remarks>
public static class KeysetPager
{
    public static async Task<KeysetPage> ReadAsync(
        IQueryable<Connector> filtered, IReadOnlyList<SortKey> order, KeysetRequest request, PageLimits limits, CancellationToken ct,
        ConnectorColumns? columns = null)
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

        // The cursor behind the direction of travel decides the flag on that side (hasPreviousPage after `after`,
        // hasNextPage before `before`): whether any row lies at or behind it. The page query answers that itself, as an
        // uncorrelated EXISTS column SQLite evaluates once, so a page after a cursor is still one query.
        var forward = first is not null;
        var travel = forward ? order : reversed;
        var behind = forward ? after : before;
        var page = (columns ?? ConnectorColumns.All).Select(ConnectorQuery.Sort(bounded, travel).Take((first ?? last!.Value) + 1));
        List<Connector> rows;
        bool? behindExists = null;
        if (behind is null)
        {
            rows = await page.ToListAsync(ct);
        }
        else
        {
            var atOrBehind = filtered.Where(AtOrBeyond(forward ? reversed : order, behind));
            var flagged = await page.Select(c => new Flagged(c, atOrBehind.Any())).ToListAsync(ct);
            rows = flagged.ConvertAll(f => f.Row);
            behindExists = flagged.Count > 0 ? flagged[0].Behind : null;
        }

        bool hasNext, hasPrevious;
        if (forward)
        {
            var take = first!.Value;
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
            hasPrevious = rows.Count > takeLast;
            rows = rows.Take(takeLast).Reverse().ToList();
            hasNext = false;
        }

        // Outside the cursor bounds: is there anything at or beyond the other side of a cursor? (An empty page has no
        // row to carry the EXISTS column; a cursor ahead of the direction of travel needs its own query.)
        if (!hasNext && before is not null)
        {
            hasNext = !forward && behindExists is { } known ? known : await filtered.Where(AtOrBeyond(order, before)).AnyAsync(ct);
        }

        if (!hasPrevious && after is not null)
        {
            hasPrevious = forward && behindExists is { } known ? known : await filtered.Where(AtOrBeyond(reversed, after)).AnyAsync(ct);
        }

        return new KeysetPage(rows, hasNext, hasPrevious, order) { HoldsEveryMatch = after is null && before is null && !hasNext && !hasPrevious };
    }

    /// <summary>A page row and whether any row lies at or behind the cursor the page starts from.</summary>
    private sealed record Flagged(Connector Row, bool Behind);

    /// <summary>
    /// Rows strictly after the position <paramref name="values"/> in <paramref name="order"/>:
    /// <c>k1 &gt; v1 OR (k1 = v1 AND (k2 &gt; v2 OR (…)))</c>, led by <c>k1 &gt;= v1</c> when k1 is a plain column so the
    /// database can seek in the (k1, id) index instead of scanning.
    /// </summary>
    public static Expression<Func<Connector, bool>> Beyond(IReadOnlyList<SortKey> order, IReadOnlyList<object?> values) =>
        Position(order, values, inclusive: false);

    /// <summary>
    /// Rows at or after the position <paramref name="values"/> in <paramref name="order"/>, i.e. exactly
    /// <c>NOT Beyond(order reversed, values)</c>, but in the same seekable shape as <see cref="Beyond"/>
    /// (<c>k1 &lt;= v1 AND …</c> rather than <c>k1 &lt; v1 OR …</c>, which SQLite can only answer by scanning).
    /// </summary>
    public static Expression<Func<Connector, bool>> AtOrBeyond(IReadOnlyList<SortKey> order, IReadOnlyList<object?> values) =>
        Position(order, values, inclusive: true);

    private static Expression<Func<Connector, bool>> Position(IReadOnlyList<SortKey> order, IReadOnlyList<object?> values, bool inclusive)
    {
        Expression body = Expression.Constant(false);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var access = order[i].Field.Access(Predicates.Connector);
            var equal = ValueExpressions.Equal(access, values[i]);
            var further = Further(access, order[i].Descending, values[i]);
            body = i == order.Count - 1
                ? (inclusive ? Expression.OrElse(further, equal) : further)
                : Expression.OrElse(further, Expression.AndAlso(equal, body));
        }

        var lead = order[0];
        if (order.Count > 1 && !lead.Field.Nullable && lead.Field.Kind is QueryFieldKind.String or QueryFieldKind.DateTime or QueryFieldKind.Int)
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
