using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coco.Connectors.Tests.Search;

/// <summary>
/// Records the plan of every query the server runs, with the query's own parameters: SQLite's <c>EXPLAIN QUERY PLAN</c>,
/// or PostgreSQL's <c>EXPLAIN</c> with sequential scans disabled (a test table is too small for the planner to prefer an
/// index, so the plan shows which index can answer the query; a sequential scan in it means none can).
/// </summary>
public sealed class QueryPlanLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _plans = new();

    public IReadOnlyList<string> Plans => [.. _plans];

    /// <summary>
    /// On PostgreSQL, also disables plain index scans, leaving bitmap scans (which need an index condition): on a test
    /// table the planner would rather read a whole b-tree than consult a trigram index.
    /// </summary>
    public bool BitmapOnly { get; set; }

    public void Clear() => _plans.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Explain(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Explain(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Explain(DbCommand command)
    {
        if (!command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var postgres = command.Connection is Npgsql.NpgsqlConnection;
        if (postgres)
        {
            Run(command, BitmapOnly ? "SET enable_seqscan = off; SET enable_indexscan = off; SET enable_indexonlyscan = off" : "SET enable_seqscan = off");
        }

        using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        explain.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        foreach (DbParameter parameter in command.Parameters)
        {
            var copy = explain.CreateParameter();
            copy.ParameterName = parameter.ParameterName;
            copy.Value = parameter.Value;
            explain.Parameters.Add(copy);
        }

        var lines = new List<string>();
        using (var reader = explain.ExecuteReader())
        {
            while (reader.Read())
            {
                lines.Add(reader.GetString(postgres ? 0 : 3));
            }
        }

        if (postgres)
        {
            Run(command, "RESET enable_seqscan; RESET enable_indexscan; RESET enable_indexonlyscan");
        }

        _plans.Enqueue(command.CommandText + "\n--\n" + string.Join("\n", lines));
    }

    private static void Run(DbCommand on, string sql)
    {
        using var command = on.Connection!.CreateCommand();
        command.Transaction = on.Transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
