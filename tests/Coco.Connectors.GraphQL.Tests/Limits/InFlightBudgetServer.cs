using Coco.Connectors.GraphQLApi.Limits;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Limits;

/// <summary>The real server with room for a few large responses at once, well below the per-response ceiling times many.</summary>
public sealed class InFlightBudgetServer : CocoServer
{
    public const long MaxResponseBytes = 4_000_000;
    public const long MaxInFlightResponseBytes = 1_500_000;

    public ServerResponseBudget Budget => Services.GetRequiredService<ServerResponseBudget>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Limits:MaxResponseBytes", MaxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("GraphQL:Limits:MaxInFlightResponseBytes", MaxInFlightResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
