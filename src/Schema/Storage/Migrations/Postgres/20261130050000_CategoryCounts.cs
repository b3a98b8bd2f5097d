using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Postgres
{
    /// <summary>
    /// Per-category counts kept by a trigger in each write's own transaction (<c>connector_categories</c>), which
    /// <c>connectorCategories</c> answers from when nothing filters it instead of grouping every connector
    /// (<see cref="Storage.Postgres.PostgresCategoryCounts"/>). A category whose count falls to zero keeps its row (the
    /// reader skips it): no delete racing a concurrent insert of the same category. A write that changes a connector's
    /// category locks the two rows in name order, so two writers moving connectors in opposite directions cannot deadlock.
    /// <c>coco_recount_categories()</c> rebuilds the table (the bulk seeder calls it after loading with triggers off).
    /// </summary>
    [DbContext(typeof(CocoDbContext))]
    [Migration("20261130050000_CategoryCounts")]
    public partial class CategoryCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE connector_categories (category text COLLATE "C" PRIMARY KEY, count integer NOT NULL);
                CREATE FUNCTION coco_recount_categories() RETURNS void LANGUAGE sql AS $$
                    DELETE FROM connector_categories;
                    INSERT INTO connector_categories (category, count)
                        SELECT "Category", count(*) FROM connectors WHERE "Category" IS NOT NULL GROUP BY "Category";
                $$;
                SELECT coco_recount_categories();
                CREATE FUNCTION coco_count_categories() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    removed text := CASE WHEN TG_OP <> 'INSERT' THEN OLD."Category" END;
                    added text := CASE WHEN TG_OP <> 'DELETE' THEN NEW."Category" END;
                    touched text;
                BEGIN
                    IF removed IS NOT DISTINCT FROM added THEN
                        RETURN NULL;
                    END IF;
                    FOR touched IN SELECT c FROM unnest(ARRAY[removed, added]) AS c WHERE c IS NOT NULL ORDER BY c COLLATE "C" LOOP
                        IF touched = removed THEN
                            UPDATE connector_categories SET count = count - 1 WHERE connector_categories.category = removed;
                        ELSE
                            INSERT INTO connector_categories (category, count) VALUES (added, 1)
                                ON CONFLICT ON CONSTRAINT connector_categories_pkey DO UPDATE SET count = connector_categories.count + 1;
                        END IF;
                    END LOOP;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER connectors_count_categories AFTER INSERT OR DELETE OR UPDATE OF "Category" ON connectors
                    FOR EACH ROW EXECUTE FUNCTION coco_count_categories();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER connectors_count_categories ON connectors;
                DROP FUNCTION coco_count_categories();
                DROP FUNCTION coco_recount_categories();
                DROP TABLE connector_categories;
                """);
        }
    }
}
