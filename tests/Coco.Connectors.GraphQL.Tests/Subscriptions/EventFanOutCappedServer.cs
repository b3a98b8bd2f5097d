using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>The real server with small allowances for what one write's subscription events may cost, per client and in total.</summary>
public sealed class EventFanOutCappedServer : CocoServer
{
    public const long PerClient = 200_000, PerWrite = 450_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Streaming:MaxEventBytesPerClient", $"{PerClient}");
        builder.UseSetting("GraphQL:Streaming:MaxEventBytesPerWrite", $"{PerWrite}");
    }
}
