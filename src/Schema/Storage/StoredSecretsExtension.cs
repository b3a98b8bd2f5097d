using Coco.Connectors.Secrets.AtRest;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Storage;

/// <summary>
/// Carries <see cref="StoredSecrets"/> to <see cref="CocoDbContext"/>, whose model then encrypts secrets in the value
/// converters of <c>Config</c> and <c>UrlWithPassword</c>: the one place every read and write of them passes.
/// </summary>
internal sealed class StoredSecretsExtension(StoredSecrets secrets) : IDbContextOptionsExtension
{
    public StoredSecrets Secrets { get; } = secrets;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    // Adds no services, so every context shares EF's internal services; the model cache key tells the models apart.
    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "SecretsEncrypted ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}
