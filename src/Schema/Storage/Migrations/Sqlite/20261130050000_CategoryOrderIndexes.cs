using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Sqlite
{
    /// <summary>
    /// A page of one category in the orders users read it in (newest first, the default, and by name) walks one index
    /// in order, instead of collecting every connector of the category and sorting them (docs/querying.md, "Indexes").
    /// SQLite only and outside the EF model, like the other search indexes: PostgreSQL keeps its own (docs/decisions.md).
    /// </summary>
    [DbContext(typeof(CocoDbContext))]
    [Migration("20261130050000_CategoryOrderIndexes")]
    public partial class CategoryOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX IX_connectors_Category_Created_Id ON connectors (Category, Created, Id);
                CREATE INDEX IX_connectors_Category_Name_Id ON connectors (Category, Name, Id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IX_connectors_Category_Name_Id;
                DROP INDEX IX_connectors_Category_Created_Id;
                """);
        }
    }
}
