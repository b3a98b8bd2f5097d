using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Limits;

/// <summary>The real server with some <c>GraphQL:Limits</c> settings changed, as an operator would configure them.</summary>
public sealed class LimitsServer(IReadOnlyDictionary<string, string> settings) : CocoServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting("GraphQL:Limits:" + key, value);
        }
    }
}
