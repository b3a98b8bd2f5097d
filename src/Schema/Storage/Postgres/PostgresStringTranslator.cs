using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>
/// <c>ToLower</c>/<c>ToUpper</c> as SQLite's store behaves: the columns use the byte-order collation <c>"C"</c>, under
/// which PostgreSQL's <c>lower()</c> folds ASCII only; folding under the database's default collation folds all of
/// Unicode, as the SQLite store's <c>lower()</c> (.NET's invariant lower-casing) does. (<c>Contains</c> needs nothing:
/// EF Core sends it as <c>LIKE @pattern</c>, escaped on the client, which is case-sensitive here and which the
/// trigram indexes answer.)
/// </summary>
internal sealed class PostgresStringTranslator(ISqlExpressionFactory sql) : IMethodCallTranslator
{
    private static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo ToUpper = typeof(string).GetMethod(nameof(string.ToUpper), Type.EmptyTypes)!;

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

        return null;
    }
}
