using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Audit;
using Coco.Connectors.Auth;
using Coco.Connectors.Domain;
using Coco.Connectors.Querying;
using Coco.Connectors.Secrets.AtRest;
using Coco.Connectors.Storage.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Coco.Connectors.Storage;

public sealed class CocoDbContext(DbContextOptions<CocoDbContext> options) : DbContext(options)
{
    public DbSet<Connector> Connectors => Set<Connector>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>Set when secrets are encrypted at rest (<see cref="StoredSecretsExtension"/>).</summary>
    internal StoredSecrets? StoredSecrets { get; } = options.FindExtension<StoredSecretsExtension>()?.Secrets;

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var token = modelBuilder.Entity<ApiToken>();
        token.ToTable("api_tokens");
        token.HasKey(t => t.Name);
        token.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
        token.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        token.HasIndex(t => t.Hash).IsUnique();

        // Newest first, by connector or overall, walks an index backwards; pruning by time uses its own.
        var audit = modelBuilder.Entity<AuditEntry>();
        audit.ToTable("audit_log");
        audit.HasKey(e => e.Seq);
        audit.Property(e => e.Seq).ValueGeneratedOnAdd();
        audit.Property(e => e.Caller).HasMaxLength(AuditEntry.CallerMaxLength);
        audit.Property(e => e.ConnectorId).HasMaxLength(64);
        audit.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        audit.Property(e => e.RequestId).HasMaxLength(AuditEntry.RequestIdMaxLength);
        audit.HasIndex(e => new { e.ConnectorId, e.Seq });
        audit.HasIndex(e => e.At);

        var connector = modelBuilder.Entity<Connector>();
        connector.ToTable("connectors");
        connector.HasKey(c => c.Id);
        connector.Property(c => c.Id).HasMaxLength(64);
        connector.Property(c => c.Name).HasMaxLength(ConnectorLimits.NameMaxLength).IsRequired();
        connector.Property(c => c.Version).IsConcurrencyToken();
        connector.PrimitiveCollection(c => c.Tags);
        connector.ComplexProperty(c => c.Processor);
        connector.Property(c => c.AssetIcons).HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new(),
            new ValueComparer<Dictionary<string, string>>(
                (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
                v => v.Count,
                v => new Dictionary<string, string>(v)));
        // With secrets encrypted at rest, the converters are where they are encrypted and decrypted.
        var secrets = StoredSecrets;
        Expression<Func<JsonObject?, string?>> toStore = secrets is null
            ? v => v == null ? null : v.ToJsonString(JsonSerializerOptions.Default)
            : v => v == null ? null : secrets.ProtectConfig(v);
        Expression<Func<string?, JsonObject?>> fromStore = secrets is null
            ? v => v == null ? null : JsonNode.Parse(v, null, default)!.AsObject()
            : v => v == null ? null : secrets.ReadConfig(v);
        connector.Property(c => c.Config).HasConversion(
            toStore,
            fromStore,
            new ValueComparer<JsonObject?>(
                (a, b) => JsonNode.DeepEquals(a, b),
                v => v == null ? 0 : v.Count,
                v => v == null ? null : v.DeepClone().AsObject()));

        if (secrets is not null)
        {
            connector.Property(c => c.UrlWithPassword).HasConversion(v => secrets.ProtectText(v!), v => secrets.ReadText(v!));
        }

        // Indexes for the searches and sorts the API offers; the id tiebreaker makes keyset paging index-friendly.
        connector.HasIndex(c => new { c.Name, c.Id });
        connector.HasIndex(c => new { c.Category, c.Id });
        connector.HasIndex(c => new { c.Created, c.Id });
        connector.HasIndex(c => new { c.Updated, c.Id });

        // A filter value's length in SQL is the store's own count of characters (see TextLength).
        modelBuilder.HasDbFunction(typeof(TextLength).GetMethod(nameof(TextLength.Of))!).HasName("length").IsBuiltIn();

        if (Database.IsNpgsql())
        {
            PostgresModel.Configure(modelBuilder, connector);
            return;
        }

        // builtin: true picks a few rows out of many, by a seek, and counts them from this small index. Deliberately no
        // index on Enabled: with ~80 % enabled, SQLite would take `Enabled = ?` for a seek and then sort the whole
        // enabled set instead of walking the (Name, Id)/(Created, Id) order index. (The free-text `query` and tag
        // filters use the indexes of SqliteSearchModel.)
        connector.HasIndex(c => c.Builtin);
        SqliteSearchModel.Configure(modelBuilder);
    }
}
