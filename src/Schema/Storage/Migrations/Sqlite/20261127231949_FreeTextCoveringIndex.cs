using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FreeTextCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_connectors_SearchText_Enabled",
                table: "connectors",
                columns: new[] { "SearchText", "Enabled" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_connectors_SearchText_Enabled",
                table: "connectors");
        }
    }
}
