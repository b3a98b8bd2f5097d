using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// Where Npgsql's translation of the query model would differ from SQLite's observable behaviour or miss an index.
/// <list type="bullet">
/// <item><c>ToLower</c>/<c>ToUpper</c>: the columns use the byte-order collation <c>"C"</c>, under which PostgreSQL's
/// <c>lower()</c> folds ASCII only; folding under the database's default collation folds all of Unicode, as the
/// SQLite store's <c>lower()</c> (.NET's invariant lower-casing) does.</item>
/// <item><c>Contains</c>: Npgsql sends <c>strpos(x, @v) &gt; 0</c>, which no index can answer; <c>x LIKE '%' || escaped(@v) || '%'</c>
/// means the same (case-sensitive; <c>\</c>, <c>%</c>, <c>_</c> escaped) and a trigram GIN index answers it.</item>
/// </list>
/// </summary>
internal sealed class PostgresStringTranslator(ISqlExpressionFactory sql) : IMethodCallTranslator
{
    private static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo ToUpper = typeof(string).GetMethod(nameof(string.ToUpper), Type.EmptyTypes)!;
    private static readonly MethodInfo Contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    public SqlExpression? Translate(SqlExpression? instance, MethodInfo method, IReadOnlyList<SqlExpression> arguments, IDiagnosticsLogger<DbLoggerCategory.Query> logger)
    {
        if (instance is null)
        {
            return null;
        }

        if (method == ToLower || method == ToUpper)
        {
            return sql.Function(method == ToLower ? "lower" : "upper", [new CollateExpression(instance, "default")],
                nullable: true, argumentsPropagateNullability: [true], typeof(string), instance.TypeMapping);
        }

        if (method == Contains)
        {
            var mapping = instance.TypeMapping;
            var value = sql.ApplyTypeMapping(arguments[0], mapping);
            var escaped = Replace(Replace(Replace(value, @"\", @"\\"), "%", @"\%"), "_", @"\_");
            var pattern = sql.Add(sql.Add(sql.Constant("%", mapping), escaped), sql.Constant("%", mapping));
            return sql.Like(instance, pattern, sql.Constant(@"\", mapping));
        }

        return null;
    }

    private SqlExpression Replace(SqlExpression text, string from, string to) =>
        sql.Function("replace", [text, sql.Constant(from, text.TypeMapping), sql.Constant(to, text.TypeMapping)],
            nullable: true, argumentsPropagateNullability: [true, false, false], typeof(string), text.TypeMapping);
}
