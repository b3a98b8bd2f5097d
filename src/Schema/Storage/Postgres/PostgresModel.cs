using Coco.Connectors.Connectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coco.Connectors.Storage.Postgres;

/// <summary>What the PostgreSQL schema adds to the provider-neutral model (indexes chosen with EXPLAIN on the real queries).</summary>
internal static class PostgresModel
{
    /// <summary>Byte order, which for UTF-8 is code-point order: the same string order as SQLite's BINARY.</summary>
    public const string CodePointCollation = "C";

    public const string ChangesTable = "connector_changes";

    /// <summary>The NOTIFY channel; payload <c>seq kind version origin id</c>.</summary>
    public const string ChangesChannel = "coco_connector_changes";

    /// <summary>The session setting that names the writing instance (set on every connection of the data source).</summary>
    public const string InstanceSetting = "coco.instance";

    public static void Configure(ModelBuilder model, EntityTypeBuilder<Connector> connector)
    {
        model.HasPostgresExtension("pg_trgm");
        foreach (var text in new[] { nameof(Connector.Id), nameof(Connector.Name), nameof(Connector.Description), nameof(Connector.Category), nameof(Connector.Icon), nameof(Connector.Url), nameof(Connector.SearchText) })
        {
            connector.Property(text).UseCollation(CodePointCollation);
        }

        connector.Property(c => c.Tags).UseCollation(CodePointCollation);
        connector.ComplexProperty(c => c.Processor).Property(p => p.Name).UseCollation(CodePointCollation);

        // Free text (`query`) and `contains` become LIKE '%…%' (PostgresStringTranslator), which trigram GIN indexes answer.
        connector.HasIndex(c => c.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        connector.HasIndex(c => c.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("IX_connectors_Name_trgm");
        // Tag filters (`tags:x`, `some: {eq: …}`, `in`) become array containment / overlap.
        connector.HasIndex(c => c.Tags).HasMethod("gin");

        var change = model.Entity<ConnectorChangeRecord>();
        change.ToTable(ChangesTable);
        change.HasKey(c => c.Seq);
        change.Property(c => c.Seq).HasColumnName("seq").UseIdentityAlwaysColumn();
        change.Property(c => c.ConnectorId).HasColumnName("connector_id").HasMaxLength(64);
        change.Property(c => c.Kind).HasColumnName("kind").HasMaxLength(16);
        change.Property(c => c.Version).HasColumnName("version");
        change.Property(c => c.Origin).HasColumnName("origin").HasMaxLength(64);
        change.Property(c => c.RecordedAt).HasColumnName("recorded_at").HasDefaultValueSql("now()");
        change.HasIndex(c => c.RecordedAt);
    }
}
