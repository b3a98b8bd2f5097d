using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Postgres
{
    /// <summary>
    /// The b-trees SQLite's store has for two filters users pick few rows with: <c>builtin: true</c> and
    /// <c>processor.name</c> (docs/querying.md, "Indexes"). Without them a page or a count of either reads every
    /// connector. (<c>Processor_Name</c> is a column of a complex property, which EF Core's model cannot index.)
    /// </summary>
    [DbContext(typeof(CocoDbContext))]
    [Migration("20261130090100_FilterIndexes")]
    public partial class FilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX "IX_connectors_Builtin" ON connectors ("Builtin");
                CREATE INDEX "IX_connectors_Processor_Name_Id" ON connectors ("Processor_Name", "Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_connectors_Processor_Name_Id";
                DROP INDEX "IX_connectors_Builtin";
                """);
        }
    }
}
