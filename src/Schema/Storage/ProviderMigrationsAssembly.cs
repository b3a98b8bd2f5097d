using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace Coco.Connectors.Storage;

/// <summary>
/// One context, one migration set per provider: EF Core finds migrations by context type, so both sets would mix.
/// This keeps the migrations and the model snapshot of the active provider's folder (<c>Migrations/Sqlite</c>,
/// <c>Migrations/Postgres</c>), at run time and for <c>dotnet ef</c> alike.
/// </summary>
#pragma warning disable EF1001 // MigrationsAssembly is EF Core's own implementation; deriving keeps its discovery rules.
internal sealed class ProviderMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private readonly string _namespace = NamespaceFor(currentContext.Context.Database.ProviderName);
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotFound;

    /// <summary>
    /// The namespace (and folder) holding a provider's migrations. Spelled out rather than derived from the context's
    /// namespace: the generated migration files carry it, and they do not move when code around them does.
    /// </summary>
    public static string NamespaceFor(string? providerName) =>
        "Coco.Connectors.Storage.Migrations." + (providerName switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => "Sqlite",
            "Npgsql.EntityFrameworkCore.PostgreSQL" => "Postgres",
            _ => throw new InvalidOperationException($"No migrations for the provider {providerName}."),
        });

    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        _migrations ??= base.Migrations.Where(m => m.Value.Namespace == _namespace).ToDictionary(m => m.Key, m => m.Value);

    public override ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!_snapshotFound)
            {
                var type = Assembly.GetTypes().FirstOrDefault(t =>
                    t.Namespace == _namespace && t.IsSubclassOf(typeof(ModelSnapshot)) && !t.IsAbstract
                    && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(CocoDbContext));
                _snapshot = type is null ? null : (ModelSnapshot)Activator.CreateInstance(type)!;
                _snapshotFound = true;
            }

            return _snapshot;
        }
    }
}
#pragma warning restore EF1001
