using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UrlWithPassword : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UrlWithPassword",
                table: "connectors",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UrlWithPassword",
                table: "connectors");
        }
    }
}
