using System.Linq.Expressions;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Coco.Connectors.Storage.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

/// <summary>
/// Counts the matches of a filter (already rewritten onto the indexes, <see cref="IndexedQueries.Count"/>) from the
/// trigger-kept counts, without reading a connector, when the filter is nothing but a choice of whole values:
/// <list type="bullet">
/// <item>of a <see cref="KeptValues"/> column (<c>== v</c>, <c>in</c>, or a <see cref="KeptValueTest"/> rewritten
/// onto the distinct values), possibly with the connectors that have no value: each connector holds one value, so
/// the sum of the chosen values' counts, plus the connectors without one (a seek of the column's index), is exact;</item>
/// <item>of tags (one tag, or the tags a test of one tag chooses among the distinct tags): one tag's kept count is
/// exact; several tags may share connectors, so those are left to be counted over the tag index.</item>
/// </list>
/// </summary>
/// <param name="Names">The chosen rows of a count table.</param>
/// <param name="MayOverlap">Whether a connector can hold two of the chosen names (tags): then only one name is counted here.</param>
/// <param name="Missing">The connectors without a value that also match, or null when none do.</param>
internal sealed record KeptCounts(IQueryable<NameCount> Names, bool MayOverlap, Expression<Func<Connector, bool>>? Missing)
{
    /// <summary>What <paramref name="indexed"/> chooses from a count table, or null when its matches must be counted over rows.</summary>
    public static KeptCounts? Of(ConnectorQuery indexed, CocoDbContext db)
    {
        if (indexed.Filter?.Body is not { } body)
        {
            return null;
        }

        if (PostgresIndexedFilter.TagOnly(indexed, db) is { } postgresTag)
        {
            return new(PostgresTagCounts.Counts(db).Where(t => t.Name == postgresTag), false, null);
        }

        if (SqliteIndexedFilter.TagOnly(indexed, db) is { } tag)
        {
            return new(SqliteSearchModel.TagCounts(db).Where(t => t.Name == tag), false, null);
        }

        if (SqliteIndexedFilter.TagsOnly(indexed, db) is { } tags)
        {
            return new(tags, true, null);
        }

        var (rest, guarded, orMissing) = Unguarded(body);
        return Chosen(rest, db) is var (kept, names) && (guarded is null || guarded == kept)
            ? new(names, false, orMissing ? kept.IsNull() : null)
            : null;
    }

    /// <summary>The count, or null when the chosen names may overlap and more than one is chosen.</summary>
    public async Task<int?> CountAsync(CocoDbContext db, CancellationToken ct)
    {
        long count;
        if (MayOverlap)
        {
            var few = await Names.Take(2).ToListAsync(ct);
            if (few.Count > 1)
            {
                return null;
            }

            count = few.Sum(n => (long)n.Count);
        }
        else
        {
            count = await Names.SumAsync(n => (long)n.Count, ct);
        }

        if (Missing is not null)
        {
            count += await db.Connectors.AsNoTracking().CountAsync(Missing, ct);
        }

        return (int)count;
    }

    /// <summary>
    /// <paramref name="body"/> without the null guard of a <see cref="KeptValueTest"/> (<c>c.Col != null &amp;&amp; …</c>,
    /// <c>c.Col == null || …</c>), the guarded column, and whether connectors without a value match.
    /// </summary>
    private static (Expression Remainder, KeptValues? Column, bool OrMissing) Unguarded(Expression body) => body switch
    {
        BinaryExpression { NodeType: ExpressionType.OrElse, Left: BinaryExpression { NodeType: ExpressionType.Equal, Left: var column, Right: ConstantExpression { Value: null } }, Right: var rest }
            when KeptValues.Of(column) is { } kept => (rest, kept, true),
        BinaryExpression { NodeType: ExpressionType.AndAlso, Left: BinaryExpression { NodeType: ExpressionType.NotEqual, Left: var column, Right: ConstantExpression { Value: null } }, Right: var rest }
            when KeptValues.Of(column) is { } kept => (rest, kept, false),
        _ => (body, null, false),
    };

    /// <summary>The column and the rows of its count table that <paramref name="body"/> chooses: <c>c.Col == v</c>, <c>list.Contains(c.Col)</c>, <c>c.Col IN (SELECT Name …)</c>.</summary>
    private static (KeptValues Kept, IQueryable<NameCount> Names)? Chosen(Expression body, CocoDbContext db)
    {
        switch (body)
        {
            case BinaryExpression { NodeType: ExpressionType.Equal, Left: var column, Right: var value }
                when KeptValues.Of(column) is { } kept && SqliteIndexedFilter.Value<string>(value) is { } one:
                return (kept, kept.Counts(db).Where(n => n.Name == one));
            case MethodCallExpression { Method.Name: nameof(Enumerable.Contains), Arguments: [var list, var column] } call
                when call.Method.DeclaringType == typeof(Enumerable) && KeptValues.Of(column) is { } kept
                && SqliteIndexedFilter.Value<IEnumerable<string>>(list) is { } values:
                var chosen = values.Where(v => v is not null).ToList();
                return (kept, kept.Counts(db).Where(n => chosen.Contains(n.Name)));
            case MethodCallExpression { Method.Name: nameof(Queryable.Contains), Arguments: [MethodCallExpression { Method.Name: nameof(Queryable.Select), Arguments: [var rows, _] }, var column] } call
                when call.Method.DeclaringType == typeof(Queryable) && KeptValues.Of(column) is { } kept && rows.Type.IsAssignableTo(typeof(IQueryable<NameCount>)):
                return (kept, db.Connectors.AsQueryable().Provider.CreateQuery<NameCount>(rows));
            default:
                return null;
        }
    }
}
