namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>Only the server-wide queued-bytes budget is small: no subscription or connection could overflow on its own.</summary>
public sealed class ServerBudgetCocoServer : ByteBudgetCocoServer
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["GraphQL:Streaming:MaxQueuedBytes"] = $"{Budget}",
        ["GraphQL:Streaming:MaxQueuedBytesPerConnection"] = $"{Large}",
        ["GraphQL:Streaming:MaxQueuedBytesPerSubscription"] = $"{Large}",
        ["GraphQL:Streaming:QueueSize"] = "100000",
    };
}
