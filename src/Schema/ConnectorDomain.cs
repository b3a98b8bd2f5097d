using Coco.Connectors.Audit;
using Coco.Connectors.Changes;
using Coco.Connectors.Domain;
using Coco.Connectors.Observability;
using Coco.Connectors.Querying;
using Coco.Connectors.Secrets.AtRest;
using Coco.Connectors.Seeding;
using Coco.Connectors.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coco.Connectors;

public static class ConnectorDomain
{
    /// <summary>The store, the one write path, the one query model and the change feed.</summary>
    public static IServiceCollection AddConnectorDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.TryAddSingleton<CocoMetrics>();
        services.TryAddSingleton<StoreCommandTimer>();
        services.AddSecretsAtRest(configuration);
        services.AddConnectorStore(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ConnectorIds>();
        // The store may bring its own feed (PostgreSQL's crosses instances); otherwise changes stay in this process.
        services.TryAddSingleton<IConnectorChangeFeed, InProcessChangeFeed>();
        services.AddSingleton<ConnectorWriter>();
        services.AddSingleton<ConnectorReader>();
        services.AddSingleton<CountCache>();
        services.AddSingleton<BuiltinSeeder>();
        services.AddOptions<MatchTrackingOptions>().BindConfiguration(MatchTrackingOptions.Section)
            .Validate(o => o.MaxTrackedIds >= 0, "Changes:MaxTrackedIds cannot be negative.").ValidateOnStart();
        services.AddSingleton<ConnectorEventDispatcher>();
        services.AddAuditLog();
        return services;
    }
}
