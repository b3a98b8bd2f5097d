using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Coco.Connectors.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "connector_changes",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    connector_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    origin = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_connector_changes", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "connectors",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Category = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Icon = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false, collation: "C"),
                    Url = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PathHierarchy = table.Column<bool>(type: "boolean", nullable: false),
                    AssetIcons = table.Column<string>(type: "text", nullable: false),
                    Builtin = table.Column<bool>(type: "boolean", nullable: false),
                    Config = table.Column<string>(type: "text", nullable: true),
                    OauthConnectImplemented = table.Column<bool>(type: "boolean", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Updated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    SearchText = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Processor_Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Processor_Name = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_connectors", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_connector_changes_recorded_at",
                table: "connector_changes",
                column: "recorded_at");

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
                name: "IX_connectors_Name_trgm",
                table: "connectors",
                column: "Name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_connectors_SearchText",
                table: "connectors",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_connectors_Tags",
                table: "connectors",
                column: "Tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_connectors_Updated_Id",
                table: "connectors",
                columns: new[] { "Updated", "Id" });

            // Every committed write to a connector is recorded and announced in its own transaction: a change row
            // (listeners replay from these after a lost connection) and a NOTIFY (delivered at commit, in commit
            // order), naming the writing instance. Deleted carries the version after the last one, as the write path's change event does.
            migrationBuilder.Sql("""
                CREATE FUNCTION coco_record_connector_change() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    change_id text;
                    change_kind text;
                    change_version integer;
                    change_seq bigint;
                    change_origin text := coalesce(current_setting('coco.instance', true), '');
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        change_id := OLD."Id"; change_kind := 'Deleted'; change_version := OLD."Version" + 1;
                    ELSE
                        change_id := NEW."Id"; change_version := NEW."Version";
                        change_kind := CASE TG_OP WHEN 'INSERT' THEN 'Created' ELSE 'Updated' END;
                    END IF;
                    INSERT INTO connector_changes (connector_id, kind, version, origin) VALUES (change_id, change_kind, change_version, change_origin)
                        RETURNING seq INTO change_seq;
                    PERFORM pg_notify('coco_connector_changes', change_seq || ' ' || change_kind || ' ' || change_version || ' ' || change_origin || ' ' || change_id);
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER connectors_record_change AFTER INSERT OR UPDATE OR DELETE ON connectors
                    FOR EACH ROW EXECUTE FUNCTION coco_record_connector_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER connectors_record_change ON connectors; DROP FUNCTION coco_record_connector_change();");

            migrationBuilder.DropTable(
                name: "connector_changes");

            migrationBuilder.DropTable(
                name: "connectors");
        }
    }
}
