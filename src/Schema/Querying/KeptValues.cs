using System.Linq.Expressions;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

/// <summary>
/// A single-valued connector column whose distinct values each store keeps with how many connectors hold each (a
/// table kept by triggers in each write's own transaction): the category and the processor's name. A test of such a
/// column is answered by applying it to the few distinct values and looking those up in the column's index
/// (<see cref="KeptValueTest"/>), and a test that selects whole values is counted from the kept counts
/// (<see cref="KeptCounts"/>) without reading a connector.
/// </summary>
internal sealed class KeptValues
{
    public static readonly KeptValues Category = new(QueryFields.Category, SqliteSearchModel.CategoriesTable, "Category", "connector_categories", "category");

    public static readonly KeptValues ProcessorName = new(QueryFields.ProcessorName, SqliteSearchModel.ProcessorNamesTable, "Name", "connector_processor_names", "name");

    private readonly string sqliteQuery;
    private readonly string postgresQuery;

    private KeptValues(QueryField field, string sqliteTable, string sqliteColumn, string postgresTable, string postgresColumn)
    {
        Field = field;
        sqliteQuery = $"SELECT {sqliteColumn} AS Name, Count FROM {sqliteTable}";
        // PostgreSQL keeps a value's row when its count falls to zero (no delete racing an insert of the same value).
        postgresQuery = $"SELECT {postgresColumn} AS \"Name\", count AS \"Count\" FROM {postgresTable} WHERE count > 0";
    }

    public static IReadOnlyList<KeptValues> All { get; } = [Category, ProcessorName];

    public QueryField Field { get; }

    /// <summary>The kept column when <paramref name="expression"/> reads it from a connector (<c>c.Processor.Name</c>), else null.</summary>
    public static KeptValues? Of(Expression? expression) => All.FirstOrDefault(kept => kept.Reads(expression));

    /// <summary>The distinct values in use with their counts, as a query that composes into others (a subquery).</summary>
    public IQueryable<NameCount> Counts(DbContext db) =>
        db.Database.IsNpgsql() ? db.Database.SqlQueryRaw<NameCount>(postgresQuery) : db.Database.SqlQueryRaw<NameCount>(sqliteQuery);

    /// <summary>The connectors whose value is missing (they are in no count row).</summary>
    public Expression<Func<Connector, bool>> IsNull()
    {
        var connector = Expression.Parameter(typeof(Connector), "c");
        return Expression.Lambda<Func<Connector, bool>>(Expression.Equal(Field.Access(connector), Expression.Constant(null, typeof(string))), connector);
    }

    /// <summary>Whether <paramref name="expression"/> is this column read from a connector parameter (member by member).</summary>
    public bool Reads(Expression? expression)
    {
        Expression? mine = Field.Selector.Body;
        while (mine is MemberExpression expected)
        {
            if (expression is not MemberExpression actual || actual.Member.Name != expected.Member.Name || actual.Member.DeclaringType != expected.Member.DeclaringType)
            {
                return false;
            }

            (mine, expression) = (expected.Expression, actual.Expression);
        }

        return mine is ParameterExpression && expression is ParameterExpression { Type: var type } && type == typeof(Connector);
    }
}
