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
