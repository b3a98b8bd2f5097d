using System.Data.Common;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coco.Connectors.Tests.Secrets;

/// <summary>A connector's secret-bearing columns exactly as the database holds them, read and written around the server.</summary>
public static class StoredColumns
{
    public static async Task<(string? Config, string? UrlWithPassword)> ReadAsync(TestDatabase database, string id)
    {
        await using var connection = Open(database);
        await using var command = Command(connection, """SELECT "Config", "UrlWithPassword" FROM connectors WHERE "Id" = @id""", ("id", id));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"connector {id} is stored");
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    public static async Task WriteConfigAsync(TestDatabase database, string id, string config)
    {
        await using var connection = Open(database);
        await using var command = Command(connection, """UPDATE connectors SET "Config" = @config WHERE "Id" = @id""", ("id", id), ("config", config));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static DbConnection Open(TestDatabase database)
    {
        DbConnection connection = TestDatabase.IsPostgres ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, string Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
