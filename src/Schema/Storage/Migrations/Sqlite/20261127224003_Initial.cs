using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "connectors",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", nullable: true),
                    Icon = table.Column<string>(type: "TEXT", nullable: true),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: true),
                    PathHierarchy = table.Column<bool>(type: "INTEGER", nullable: false),
                    AssetIcons = table.Column<string>(type: "TEXT", nullable: false),
                    Builtin = table.Column<bool>(type: "INTEGER", nullable: false),
                    Config = table.Column<string>(type: "TEXT", nullable: true),
                    OauthConnectImplemented = table.Column<bool>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Updated = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    Processor_Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Processor_Name = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_connectors", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_connectors_Category_Id",
                table: "connectors",
                columns: new[] { "Category", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_connectors_Created_Id",
                table: "connectors",
                columns: new[] { "Created", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_connectors_Name_Id",
                table: "connectors",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_connectors_Updated_Id",
                table: "connectors",
                columns: new[] { "Updated", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "connectors");
        }
    }
}
