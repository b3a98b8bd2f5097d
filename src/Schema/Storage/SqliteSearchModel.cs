using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Storage;

/// <summary>
/// The SQLite store's search indexes as the query model sees them: the free-text index and the tag index, both built
/// and kept in step by the <c>SearchIndexes</c> migration (its SQL and triggers), so EF Core only reads them.
/// </summary>
internal static class SqliteSearchModel
{
    public const string SearchTable = "connectors_search";

    public const string TagsTable = "connector_tags";

    /// <summary>How many connectors each category holds (<c>Category</c>, <c>Count</c>), kept by triggers; read with raw SQL.</summary>
    public const string CategoriesTable = "connector_categories";

    /// <summary>How many connectors each processor name is held by (<c>Name</c>, <c>Count</c>), kept by triggers; read with raw SQL.</summary>
    public const string ProcessorNamesTable = "connector_processor_names";

    /// <summary>How many connectors hold each tag (<c>Tag</c>, <c>Count</c>), kept by triggers on <see cref="TagsTable"/>; read with raw SQL.</summary>
    public const string TagCountsTable = "connector_tag_counts";

    /// <summary>One row (<c>Id</c> 1) whose <c>Version</c> every insert, update and delete of a connector moves (triggers).</summary>
    public const string DataVersionTable = "connector_data_version";

    /// <summary>The distinct tags in use with their counts, as a query that composes into others (a subquery).</summary>
    public static IQueryable<NameCount> TagCounts(DbContext db) =>
        db.Database.SqlQueryRaw<NameCount>($"SELECT Tag AS Name, Count FROM {TagCountsTable}");

    public static void Configure(ModelBuilder model)
    {
        var search = model.Entity<SearchIndexEntry>();
        search.ToTable(SearchTable, t => t.ExcludeFromMigrations());
        search.HasNoKey();

        var tags = model.Entity<ConnectorTagEntry>();
        tags.ToTable(TagsTable, t => t.ExcludeFromMigrations());
        tags.HasNoKey();
    }
}
