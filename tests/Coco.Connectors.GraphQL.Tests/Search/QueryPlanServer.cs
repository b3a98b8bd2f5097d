using Coco.Connectors.Tests.Querying;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Search;

/// <summary>The querying server, also recording the plan of every query it runs.</summary>
public sealed class QueryPlanServer : QueryingServer
{
    public QueryPlanLog Plans { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.ConfigureDbContext<Storage.CocoDbContext>(options => options.AddInterceptors(Plans));
    }
}
