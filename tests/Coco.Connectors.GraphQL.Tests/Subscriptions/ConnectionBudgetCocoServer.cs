namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>Only the connection's queued-bytes budget is small: no subscription could overflow on its own.</summary>
public sealed class ConnectionBudgetCocoServer : ByteBudgetCocoServer
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["GraphQL:Streaming:MaxQueuedBytesPerConnection"] = $"{Budget}",
        ["GraphQL:Streaming:MaxQueuedBytesPerSubscription"] = $"{Large}",
        ["GraphQL:Streaming:QueueSize"] = "100000",
    };
}
