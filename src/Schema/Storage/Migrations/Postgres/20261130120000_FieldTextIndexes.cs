using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Postgres
{
    /// <summary>
    /// Trigram indexes on the very expressions a <c>field:value</c> word of <c>query</c> tests (<c>name:</c>,
    /// <c>description:</c>; <c>processor.name:</c> reads the kept distinct names, migration ProcessorNames): EF Core sends <c>lower(x COLLATE "default") LIKE '%value%'</c>
    /// (PostgresStringTranslator), and an index on that expression is read for it without any rewrite, so PostgreSQL's own
    /// lower-casing is both what is indexed and what is tested (the index only finds candidates; each is rechecked).
    /// Words shorter than a trigram still read every row. ANALYZE gathers the expressions' statistics, without which the
    /// planner guesses 0.5 % of the rows match any word and walks the order's index past every row for an absent one.
    /// </summary>
    [DbContext(typeof(CocoDbContext))]
    [Migration("20261130120000_FieldTextIndexes")]
    public partial class FieldTextIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX "IX_connectors_Name_lower_trgm" ON connectors USING gin (lower("Name" COLLATE "default") gin_trgm_ops);
                CREATE INDEX "IX_connectors_Description_lower_trgm" ON connectors USING gin (lower("Description" COLLATE "default") gin_trgm_ops);
                ANALYZE connectors;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_connectors_Description_lower_trgm";
                DROP INDEX "IX_connectors_Name_lower_trgm";
                """);
        }
    }
}
