using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Sqlite
{
    /// <summary>
    /// The SQLite search indexes (docs/querying.md, "Indexes"): the trigram free-text index <c>connectors_search</c>,
    /// the tag index <c>connector_tags</c>, a processor-name index and a builtin index, each filled from the
    /// rows already stored and kept in step by triggers, so every write updates them in its own transaction.
    /// </summary>
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_connectors_SearchText_Enabled",
                table: "connectors");

            migrationBuilder.CreateIndex(
                name: "IX_connectors_Builtin",
                table: "connectors",
                column: "Builtin");

            migrationBuilder.CreateIndex(
                name: "IX_connectors_Processor_Name_Id",
                table: "connectors",
                columns: new[] { "Processor_Name", "Id" });

            // The index keeps its own copy of the text (reads need no join back) under the connector's rowid, which is
            // what the triggers find it by. case_sensitive 1: the text and the terms are lower-cased already, and GLOB
            // (which the query model sends) is answered from a trigram index only in that mode. detail = none: the
            // index lists rows, not positions; SQLite checks each candidate's text against the GLOB itself.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE connectors_search USING fts5(Id UNINDEXED, Text, tokenize = 'trigram case_sensitive 1', detail = none);
                INSERT INTO connectors_search(rowid, Id, Text) SELECT rowid, Id, SearchText FROM connectors;
                CREATE TRIGGER connectors_search_insert AFTER INSERT ON connectors BEGIN
                    INSERT INTO connectors_search(rowid, Id, Text) VALUES (NEW.rowid, NEW.Id, NEW.SearchText);
                END;
                CREATE TRIGGER connectors_search_update AFTER UPDATE OF SearchText ON connectors
                WHEN OLD.SearchText IS NOT NEW.SearchText BEGIN
                    UPDATE connectors_search SET Text = NEW.SearchText WHERE rowid = NEW.rowid;
                END;
                CREATE TRIGGER connectors_search_delete AFTER DELETE ON connectors BEGIN
                    DELETE FROM connectors_search WHERE rowid = OLD.rowid;
                END;
                """);

            // One row per distinct tag of a connector, keyed for `tag = ?` / `tag IN (…)` seeks.
            migrationBuilder.Sql("""
                CREATE TABLE connector_tags (Tag TEXT NOT NULL, ConnectorId TEXT NOT NULL, PRIMARY KEY (Tag, ConnectorId)) WITHOUT ROWID;
                INSERT OR IGNORE INTO connector_tags(Tag, ConnectorId) SELECT t.value, c.Id FROM connectors AS c, json_each(c.Tags) AS t;
                CREATE TRIGGER connector_tags_insert AFTER INSERT ON connectors BEGIN
                    INSERT OR IGNORE INTO connector_tags(Tag, ConnectorId) SELECT value, NEW.Id FROM json_each(NEW.Tags);
                END;
                CREATE TRIGGER connector_tags_update AFTER UPDATE OF Tags ON connectors
                WHEN OLD.Tags IS NOT NEW.Tags BEGIN
                    DELETE FROM connector_tags WHERE ConnectorId = OLD.Id AND Tag IN (SELECT value FROM json_each(OLD.Tags));
                    INSERT OR IGNORE INTO connector_tags(Tag, ConnectorId) SELECT value, NEW.Id FROM json_each(NEW.Tags);
                END;
                CREATE TRIGGER connector_tags_delete AFTER DELETE ON connectors BEGIN
                    DELETE FROM connector_tags WHERE ConnectorId = OLD.Id AND Tag IN (SELECT value FROM json_each(OLD.Tags));
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER connector_tags_delete;
                DROP TRIGGER connector_tags_update;
                DROP TRIGGER connector_tags_insert;
                DROP TABLE connector_tags;
                DROP TRIGGER connectors_search_delete;
                DROP TRIGGER connectors_search_update;
                DROP TRIGGER connectors_search_insert;
                DROP TABLE connectors_search;
                """);

            migrationBuilder.DropIndex(
                name: "IX_connectors_Processor_Name_Id",
                table: "connectors");

            migrationBuilder.DropIndex(
                name: "IX_connectors_Builtin",
                table: "connectors");

            migrationBuilder.CreateIndex(
                name: "IX_connectors_SearchText_Enabled",
                table: "connectors",
                columns: new[] { "SearchText", "Enabled" });
        }
    }
}
