using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Sqlite
{
    /// <summary>
    /// The number of connectors holding each tag, <c>connector_tag_counts</c>, kept by triggers on the tag index itself
    /// (so in each write's own transaction): a search by one tag is counted without walking its index entries
    /// (docs/querying.md, "Indexes"). A tag's row goes when its count reaches zero.
    /// </summary>
    [DbContext(typeof(CocoDbContext))]
    [Migration("20261130052000_TagCounts")]
    public partial class TagCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // connector_tags is written with INSERT OR IGNORE: an ignored duplicate fires no insert trigger, so the
            // counts follow the rows the index really holds.
            migrationBuilder.Sql("""
                CREATE TABLE connector_tag_counts (Tag TEXT NOT NULL PRIMARY KEY, Count INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO connector_tag_counts(Tag, Count) SELECT Tag, count(*) FROM connector_tags GROUP BY Tag;
                CREATE TRIGGER connector_tag_counts_insert AFTER INSERT ON connector_tags BEGIN
                    INSERT INTO connector_tag_counts(Tag, Count) VALUES (NEW.Tag, 1) ON CONFLICT (Tag) DO UPDATE SET Count = Count + 1;
                END;
                CREATE TRIGGER connector_tag_counts_delete AFTER DELETE ON connector_tags BEGIN
                    UPDATE connector_tag_counts SET Count = Count - 1 WHERE Tag = OLD.Tag;
                    DELETE FROM connector_tag_counts WHERE Tag = OLD.Tag AND Count <= 0;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER connector_tag_counts_delete;
                DROP TRIGGER connector_tag_counts_insert;
                DROP TABLE connector_tag_counts;
                """);
        }
    }
}
