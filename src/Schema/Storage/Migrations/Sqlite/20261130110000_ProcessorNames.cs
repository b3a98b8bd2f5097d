using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Sqlite
{
    /// <summary>
    /// The processor's name served as the category is (docs/querying.md, "Indexes"): its distinct values with how many
    /// connectors hold each, <c>connector_processor_names</c>, kept by triggers in each write's own transaction (a name's
    /// row goes when its count reaches zero), and a page of one name in the orders users read it in (newest first, by
    /// name) walks one index in order instead of sorting every connector of that name. Those two indexes also seek by
    /// the name alone, so they replace <c>(Processor_Name, Id)</c>.
    /// </summary>
    [DbContext(typeof(CocoDbContext))]
    [Migration("20261130110000_ProcessorNames")]
    public partial class ProcessorNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE connector_processor_names (Name TEXT NOT NULL PRIMARY KEY, Count INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO connector_processor_names(Name, Count) SELECT Processor_Name, count(*) FROM connectors WHERE Processor_Name IS NOT NULL GROUP BY Processor_Name;
                CREATE TRIGGER connector_processor_names_insert AFTER INSERT ON connectors WHEN NEW.Processor_Name IS NOT NULL BEGIN
                    INSERT INTO connector_processor_names(Name, Count) VALUES (NEW.Processor_Name, 1) ON CONFLICT (Name) DO UPDATE SET Count = Count + 1;
                END;
                CREATE TRIGGER connector_processor_names_update AFTER UPDATE OF Processor_Name ON connectors
                WHEN OLD.Processor_Name IS NOT NEW.Processor_Name BEGIN
                    UPDATE connector_processor_names SET Count = Count - 1 WHERE Name = OLD.Processor_Name;
                    DELETE FROM connector_processor_names WHERE Name = OLD.Processor_Name AND Count <= 0;
                    INSERT INTO connector_processor_names(Name, Count) SELECT NEW.Processor_Name, 1 WHERE NEW.Processor_Name IS NOT NULL
                        ON CONFLICT (Name) DO UPDATE SET Count = Count + 1;
                END;
                CREATE TRIGGER connector_processor_names_delete AFTER DELETE ON connectors WHEN OLD.Processor_Name IS NOT NULL BEGIN
                    UPDATE connector_processor_names SET Count = Count - 1 WHERE Name = OLD.Processor_Name;
                    DELETE FROM connector_processor_names WHERE Name = OLD.Processor_Name AND Count <= 0;
                END;
                CREATE INDEX IX_connectors_Processor_Name_Created_Id ON connectors (Processor_Name, Created, Id);
                CREATE INDEX IX_connectors_Processor_Name_Name_Id ON connectors (Processor_Name, Name, Id);
                DROP INDEX IX_connectors_Processor_Name_Id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX IX_connectors_Processor_Name_Id ON connectors (Processor_Name, Id);
                DROP INDEX IX_connectors_Processor_Name_Name_Id;
                DROP INDEX IX_connectors_Processor_Name_Created_Id;
                DROP TRIGGER connector_processor_names_delete;
                DROP TRIGGER connector_processor_names_update;
                DROP TRIGGER connector_processor_names_insert;
                DROP TABLE connector_processor_names;
                """);
        }
    }
}
