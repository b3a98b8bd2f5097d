using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>The real server with small caps on distinct subscription selections, per client and in total.</summary>
public sealed class SelectionCappedServer : CocoServer
{
    public const int SelectionsPerClient = 2, Selections = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Streaming:MaxSelectionsPerClient", $"{SelectionsPerClient}");
        builder.UseSetting("GraphQL:Streaming:MaxSelections", $"{Selections}");
    }
}
