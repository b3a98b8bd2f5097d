using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>
/// The real server with small queued-bytes budgets, so that a client that stops reading large events is over budget
/// after a bounded number of writes. By default only the subscription's budget is small; subclasses make one other
/// level the only small one, to show each level stops a slow consumer on its own.
/// </summary>
public class ByteBudgetCocoServer : CocoServer
{
    /// <summary>The small budget: the one that stops a slow consumer on this server.</summary>
    public const int Budget = 1024 * 1024;

    /// <summary>A budget no test reaches.</summary>
    protected const int Large = 1 << 30;

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["GraphQL:Streaming:MaxQueuedBytesPerSubscription"] = $"{Budget}",
        ["GraphQL:Streaming:MaxQueuedBytesPerConnection"] = $"{4 * Budget}",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
