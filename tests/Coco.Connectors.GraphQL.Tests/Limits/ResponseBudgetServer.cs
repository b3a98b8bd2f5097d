using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Tests.Limits;

/// <summary>The real server with a small response ceiling, counting the commands it sends to the store.</summary>
public sealed class ResponseBudgetServer : CocoServer
{
    public const long MaxResponseBytes = 300_000;

    public StoreReadCounter StoreReads => Services.GetRequiredService<StoreReadCounter>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Limits:MaxResponseBytes", MaxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<StoreReadCounter>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<StoreReadCounter>());
    }
}
