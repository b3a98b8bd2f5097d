using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Postgres
{
    /// <summary>
    /// The processor's name served as the category is (docs/querying.md, "Indexes"): per-name counts kept by a trigger
    /// in each write's own transaction (<c>connector_processor_names</c>), kept as <c>CategoryCounts</c> keeps the
    /// category's (a name whose count falls to zero keeps its row, readers skip it; the two rows a rename touches are
    /// locked in code-point order), and a page of one name in the orders users read it in walks one index in order
    /// instead of sorting every connector of that name. Those two indexes also seek by the name alone, so they replace
    /// <c>(Processor_Name, Id)</c>. <c>coco_recount_processor_names()</c> rebuilds the table (the bulk seeder calls it).
    /// </summary>
    [DbContext(typeof(CocoDbContext))]
    [Migration("20261130110100_ProcessorNames")]
    public partial class ProcessorNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE connector_processor_names (name text COLLATE "C" PRIMARY KEY, count integer NOT NULL);
                CREATE FUNCTION coco_recount_processor_names() RETURNS void LANGUAGE sql AS $$
                    DELETE FROM connector_processor_names;
                    INSERT INTO connector_processor_names (name, count)
                        SELECT "Processor_Name", count(*) FROM connectors WHERE "Processor_Name" IS NOT NULL GROUP BY "Processor_Name";
                $$;
                SELECT coco_recount_processor_names();
                CREATE FUNCTION coco_count_processor_names() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    removed text := CASE WHEN TG_OP <> 'INSERT' THEN OLD."Processor_Name" END;
                    added text := CASE WHEN TG_OP <> 'DELETE' THEN NEW."Processor_Name" END;
                    touched text;
                BEGIN
                    IF removed IS NOT DISTINCT FROM added THEN
                        RETURN NULL;
                    END IF;
                    FOR touched IN SELECT n FROM unnest(ARRAY[removed, added]) AS n WHERE n IS NOT NULL ORDER BY n COLLATE "C" LOOP
                        IF touched = removed THEN
                            UPDATE connector_processor_names SET count = count - 1 WHERE connector_processor_names.name = removed;
                        ELSE
                            INSERT INTO connector_processor_names (name, count) VALUES (added, 1)
                                ON CONFLICT ON CONSTRAINT connector_processor_names_pkey DO UPDATE SET count = connector_processor_names.count + 1;
                        END IF;
                    END LOOP;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER connectors_count_processor_names AFTER INSERT OR DELETE OR UPDATE OF "Processor_Name" ON connectors
                    FOR EACH ROW EXECUTE FUNCTION coco_count_processor_names();
                CREATE INDEX "IX_connectors_Processor_Name_Created_Id" ON connectors ("Processor_Name", "Created", "Id");
                CREATE INDEX "IX_connectors_Processor_Name_Name_Id" ON connectors ("Processor_Name", "Name", "Id");
                DROP INDEX "IX_connectors_Processor_Name_Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX "IX_connectors_Processor_Name_Id" ON connectors ("Processor_Name", "Id");
                DROP INDEX "IX_connectors_Processor_Name_Name_Id";
                DROP INDEX "IX_connectors_Processor_Name_Created_Id";
                DROP TRIGGER connectors_count_processor_names ON connectors;
                DROP FUNCTION coco_count_processor_names();
                DROP FUNCTION coco_recount_processor_names();
                DROP TABLE connector_processor_names;
                """);
        }
    }
}
