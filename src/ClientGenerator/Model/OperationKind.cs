namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>Which root type an operation runs on; subscriptions go over a WebSocket.</summary>
internal enum OperationKind
{
    Query,
    Mutation,
    Subscription,
}
