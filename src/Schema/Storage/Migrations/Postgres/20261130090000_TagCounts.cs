using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Postgres
{
    /// <summary>
    /// Per-tag counts kept by a trigger in each write's own transaction (<c>connector_tag_counts</c>, a connector counted
    /// once per distinct tag): a search by one tag is counted from one row, and a page of a rare or absent tag is told
    /// apart from a common one before it is read (<see cref="Querying.PostgresIndexedFilter"/>). As with the category
    /// counts, a tag whose count falls to zero keeps its row (no delete racing a concurrent insert of the same tag), and
    /// a write locks the rows of the tags it changes in code-point order, so two writers cannot deadlock on them.
    /// <c>coco_recount_tags()</c> rebuilds the table (the bulk seeder calls it after loading with triggers off).
    /// </summary>
    [DbContext(typeof(CocoDbContext))]
    [Migration("20261130090000_TagCounts")]
    public partial class TagCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE connector_tag_counts (tag text COLLATE "C" PRIMARY KEY, count integer NOT NULL);
                CREATE FUNCTION coco_recount_tags() RETURNS void LANGUAGE sql AS $$
                    DELETE FROM connector_tag_counts;
                    INSERT INTO connector_tag_counts (tag, count)
                        SELECT t.tag, count(*) FROM connectors, LATERAL (SELECT DISTINCT u FROM unnest("Tags") AS u WHERE u IS NOT NULL) AS t(tag)
                        GROUP BY t.tag;
                $$;
                SELECT coco_recount_tags();
                CREATE FUNCTION coco_count_tags() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    removed text[] := CASE WHEN TG_OP <> 'INSERT' THEN OLD."Tags" END;
                    added text[] := CASE WHEN TG_OP <> 'DELETE' THEN NEW."Tags" END;
                    touched record;
                BEGIN
                    FOR touched IN
                        SELECT u.tag, sum(u.change)::integer AS change FROM (
                            SELECT DISTINCT r AS tag, -1 AS change FROM unnest(removed) AS r WHERE r IS NOT NULL
                            UNION ALL
                            SELECT DISTINCT a, 1 FROM unnest(added) AS a WHERE a IS NOT NULL
                        ) AS u GROUP BY u.tag HAVING sum(u.change) <> 0 ORDER BY u.tag COLLATE "C"
                    LOOP
                        INSERT INTO connector_tag_counts (tag, count) VALUES (touched.tag, touched.change)
                            ON CONFLICT ON CONSTRAINT connector_tag_counts_pkey DO UPDATE SET count = connector_tag_counts.count + touched.change;
                    END LOOP;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER connectors_count_tags AFTER INSERT OR DELETE OR UPDATE OF "Tags" ON connectors
                    FOR EACH ROW EXECUTE FUNCTION coco_count_tags();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER connectors_count_tags ON connectors;
                DROP FUNCTION coco_count_tags();
                DROP FUNCTION coco_recount_tags();
                DROP TABLE connector_tag_counts;
                """);
        }
    }
}
