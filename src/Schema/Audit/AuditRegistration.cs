using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Audit;

/// <summary>Wiring of the audit log: its options (<c>Audit</c>), the reader and the pruning.</summary>
public static class AuditRegistration
{
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section)
            .Validate(o => o.Retention >= TimeSpan.Zero && o.PruneInterval >= TimeSpan.Zero, "Audit:Retention and Audit:PruneInterval cannot be negative.")
            .Validate(o => o.MaxPageSize > 0 && o.DefaultPageSize > 0 && o.DefaultPageSize <= o.MaxPageSize,
                "Audit:DefaultPageSize and Audit:MaxPageSize must be positive, the default at most the maximum.")
            .ValidateOnStart();
        services.AddSingleton<AuditLog>();
        services.AddHostedService<AuditPruner>();
        return services;
    }
}
