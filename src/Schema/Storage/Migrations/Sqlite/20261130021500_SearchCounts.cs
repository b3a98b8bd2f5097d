using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Sqlite
{
    /// <summary>
    /// Counts without reading rows (docs/querying.md, "Indexes"): the per-category counts <c>connector_categories</c>
    /// (what <c>connectorCategories</c> answers when nothing filters it) and the collection's data version
    /// <c>connector_data_version</c> (which a cached count is valid for), both kept by triggers in each write's own
    /// transaction, and again the covering index <c>(SearchText, Enabled)</c>, which a common free-text term is counted
    /// over (a scan of it reads a fraction of what a scan of the table reads).
    /// </summary>
    public partial class SearchCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX IX_connectors_SearchText_Enabled ON connectors (SearchText, Enabled);");

            // A category's row goes when its count reaches zero, so the table lists exactly the categories in use.
            migrationBuilder.Sql("""
                CREATE TABLE connector_categories (Category TEXT NOT NULL PRIMARY KEY, Count INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO connector_categories(Category, Count) SELECT Category, count(*) FROM connectors WHERE Category IS NOT NULL GROUP BY Category;
                CREATE TRIGGER connector_categories_insert AFTER INSERT ON connectors WHEN NEW.Category IS NOT NULL BEGIN
                    INSERT INTO connector_categories(Category, Count) VALUES (NEW.Category, 1) ON CONFLICT (Category) DO UPDATE SET Count = Count + 1;
                END;
                CREATE TRIGGER connector_categories_update AFTER UPDATE OF Category ON connectors
                WHEN OLD.Category IS NOT NEW.Category BEGIN
                    UPDATE connector_categories SET Count = Count - 1 WHERE Category = OLD.Category;
                    DELETE FROM connector_categories WHERE Category = OLD.Category AND Count <= 0;
                    INSERT INTO connector_categories(Category, Count) SELECT NEW.Category, 1 WHERE NEW.Category IS NOT NULL
                        ON CONFLICT (Category) DO UPDATE SET Count = Count + 1;
                END;
                CREATE TRIGGER connector_categories_delete AFTER DELETE ON connectors WHEN OLD.Category IS NOT NULL BEGIN
                    UPDATE connector_categories SET Count = Count - 1 WHERE Category = OLD.Category;
                    DELETE FROM connector_categories WHERE Category = OLD.Category AND Count <= 0;
                END;
                """);

            // A number every change to the collection moves, in the change's own transaction: a count read at one
            // version holds until it moves (Querying.CountCache).
            migrationBuilder.Sql("""
                CREATE TABLE connector_data_version (Id INTEGER PRIMARY KEY CHECK (Id = 1), Version INTEGER NOT NULL);
                INSERT INTO connector_data_version(Id, Version) VALUES (1, 1);
                CREATE TRIGGER connector_data_version_insert AFTER INSERT ON connectors BEGIN
                    UPDATE connector_data_version SET Version = Version + 1 WHERE Id = 1;
                END;
                CREATE TRIGGER connector_data_version_update AFTER UPDATE ON connectors BEGIN
                    UPDATE connector_data_version SET Version = Version + 1 WHERE Id = 1;
                END;
                CREATE TRIGGER connector_data_version_delete AFTER DELETE ON connectors BEGIN
                    UPDATE connector_data_version SET Version = Version + 1 WHERE Id = 1;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER connector_data_version_delete;
                DROP TRIGGER connector_data_version_update;
                DROP TRIGGER connector_data_version_insert;
                DROP TABLE connector_data_version;
                DROP TRIGGER connector_categories_delete;
                DROP TRIGGER connector_categories_update;
                DROP TRIGGER connector_categories_insert;
                DROP TABLE connector_categories;
                DROP INDEX IX_connectors_SearchText_Enabled;
                """);
        }
    }
}
