using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Coco.Connectors.Changes;
using Coco.Connectors.GraphQLApi;
using Coco.Connectors.GraphQLApi.Limits;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Options;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// Subscription execution that resolves and serializes each event once per selection: for a field that publishes
/// snapshots (<see cref="SnapshotEvents"/>), the first subscriber with a given document, operation and variables
/// executes the event and serializes the result; every other subscriber with the same selection gets the same bytes.
/// So a thousand subscribers to one large connector hold one copy of its JSON, not a thousand object trees.
/// Results with errors or extensions are never shared. The bytes live as long as the event object does.
/// Each event has its own response budget (<see cref="ResponseBudget"/>): an event whose answer would be too large
/// becomes a <c>RESPONSE_TOO_LARGE</c> error for that event, and the subscription goes on; so does one past what its
/// write may cost the client (<see cref="EventFanOutBudget"/>).
/// </summary>
internal sealed class SharedEventStrategy(IGraphQLTextSerializer serializer, IOptions<GraphQLLimitsOptions> limits, ServerResponseBudget serverBudget, ConnectorEventDispatcher dispatcher, EventFanOutBudget fanOut) : SubscriptionExecutionStrategy
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<SelectionKey, EventPayload>> _payloads = new();

    protected override async ValueTask<ExecutionResult> ProcessDataAsync(ExecutionContext context, ExecutionNode node, object? value)
    {
        if (value is null || !node.FieldDefinition.PublishesSnapshots() || SelectionKey.For(context) is not { } key)
        {
            return (await ExecuteAsync(context, node, value)).Result;
        }

        var payloads = _payloads.GetValue(value, static _ => new ConcurrentDictionary<SelectionKey, EventPayload>());
        if (payloads.TryGetValue(key, out var shared))
        {
            return new SerializedResult(shared);
        }

        var (result, allowance, charged) = await ExecuteAsync(context, node, value);
        if (result.Errors is { Count: > 0 } || result.Extensions is { Count: > 0 } || context.CancellationToken.IsCancellationRequested)
        {
            return result;
        }

        var maxBytes = limits.Value.MaxResponseBytes;
        if (await EventPayload.SerializeAsync(serializer, result, maxBytes, CancellationToken.None) is not { } payload)
        {
            return EventPayload.TooLarge(maxBytes);
        }

        // Resolving charged lower bounds (no field names, no punctuation): the write's allowance takes the rest now.
        if (allowance?.Take(Math.Max(0, payload.Length - charged)) is { } overdrawn)
        {
            return new ExecutionResult { Executed = true, Errors = [overdrawn.Error()] };
        }

        payload.Dispatch = dispatcher.DispatchOf(value);
        return new SerializedResult(payloads.GetOrAdd(key, payload));
    }

    // One event, executed within a response budget of its own and within what its write may still cost the client.
    private async ValueTask<(ExecutionResult Result, ByteAllowance? Allowance, long Charged)> ExecuteAsync(ExecutionContext context, ExecutionNode node, object? value)
    {
        var allowance = value is not null && EventFanOutBudget.ClientOf(context.UserContext) is { } client
            ? fanOut.For(dispatcher.DispatchOf(value) ?? value, client)
            : null;
        if (allowance?.Overdrawn is { } overdrawn)
        {
            return (new ExecutionResult { Executed = true, Errors = [overdrawn.Error()] }, allowance, 0);
        }

        var outer = context.CancellationToken;
        using var budget = new ResponseBudget(limits.Value.MaxResponseBytes, outer, serverBudget, allowance);
        context.CancellationToken = budget.Token;
        context.UserContext = budget.AttachTo(context.UserContext);
        try
        {
            var result = await base.ProcessDataAsync(context, node, value);
            return (budget.IsSpent && !outer.IsCancellationRequested
                ? new ExecutionResult { Executed = true, Errors = [budget.Error()] }
                : result, allowance, budget.Charged);
        }
        finally
        {
            context.CancellationToken = outer;
        }
    }
}
