using System.Diagnostics;
using System.Reflection;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Coco.Connectors.Bench;

/// <summary>
/// Seeds PostgreSQL with binary COPY: the secondary indexes are dropped first and rebuilt once at the end, and the
/// triggers are off during the load (one NOTIFY and change row per seeded connector is what made the EF path take
/// minutes; the category counts are recounted once after). Rows are the same as <see cref="Seeder"/>'s (same generator, same seed); columns and value conversions
/// come from the EF model, so the seeded rows read back exactly as the server wrote them.
/// </summary>
internal static class PostgresBulkSeeder
{
    private const string Table = "connectors";

    public static async Task SeedAsync(IServiceProvider services, int count)
    {
        await StorageRegistration.PrepareAsync(services, _ => Task.FromResult(0), CancellationToken.None);
        var columns = Columns(services);
        var ids = services.GetRequiredService<ConnectorIds>();
        var options = services.GetRequiredService<StorageOptions>();
        var watch = Stopwatch.StartNew();

        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'");
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid " +
            "WHERE i.schemaname = current_schema() AND i.tablename = @table AND NOT x.indisprimary", connection))
        {
            command.Parameters.AddWithValue("table", Table);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");
        }

        await ExecuteAsync(connection, $"ALTER TABLE {Table} DISABLE TRIGGER USER");
        try
        {
            var random = new Random(20251127);
            var copy = $"COPY {Table} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
            await using (var importer = await connection.BeginBinaryImportAsync(copy))
            {
                for (var i = 0; i < count; i++)
                {
                    var connector = Seeder.Generate(random, ids.NewId(), Seeder.Start.AddSeconds(i), i);
                    await importer.StartRowAsync();
                    foreach (var column in columns)
                    {
                        await importer.WriteAsync(column.Value(connector));
                    }
                }

                await importer.CompleteAsync();
            }

            Console.WriteLine($"copied {count} connectors in {watch.Elapsed.TotalSeconds:F1}s");
        }
        finally
        {
            await ExecuteAsync(connection, $"ALTER TABLE {Table} ENABLE TRIGGER USER");
        }

        foreach (var (name, definition) in indexes)
        {
            var index = Stopwatch.StartNew();
            await ExecuteAsync(connection, definition);
            Console.WriteLine($"  index {name} in {index.Elapsed.TotalSeconds:F1}s");
        }

        // The triggers were off: what they keep is rebuilt once.
        await ExecuteAsync(connection, "SELECT coco_recount_categories()");
        await ExecuteAsync(connection, "SELECT coco_recount_tags()");
        await ExecuteAsync(connection, "SELECT coco_recount_processor_names()");

        // VACUUM sets the visibility map, without which no index-only scan is possible on freshly copied rows.
        await ExecuteAsync(connection, $"VACUUM (ANALYZE) {Table}");
        Console.WriteLine($"seeded {count} connectors in {watch.Elapsed.TotalSeconds:F1}s (COPY, indexes rebuilt, VACUUM ANALYZE)");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every stored column of a connector with how to read its provider value from an entity.</summary>
    private static List<(string Name, Func<Connector, object> Value)> Columns(IServiceProvider services)
    {
        using var db = services.GetRequiredService<IDbContextFactory<CocoDbContext>>().CreateDbContext();
        var entity = db.Model.FindEntityType(typeof(Connector))!;
        var table = StoreObjectIdentifier.Table(Table);
        var columns = new List<(string, Func<Connector, object>)>();
        void Add(IProperty property, Func<Connector, object?> owner)
        {
            var info = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} has no CLR property");
            var converter = property.GetTypeMapping().Converter;
            columns.Add((property.GetColumnName(table)!, c =>
            {
                var value = info.GetValue(owner(c));
                return (converter is null || value is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
            }));
        }

        foreach (var property in entity.GetProperties())
        {
            Add(property, c => c);
        }

        foreach (var complex in entity.GetComplexProperties())
        {
            var info = (PropertyInfo)complex.PropertyInfo!;
            foreach (var property in complex.ComplexType.GetProperties())
            {
                Add(property, c => info.GetValue(c));
            }
        }

        return columns;
    }
}
