using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Coco.Connectors.GraphQLApi.Limits;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// What one write may cost in subscription events: every distinct selection resolves and serializes each event on its
/// own, so a client's selections within the caps, each with many aliased <c>config</c> fields, would otherwise turn one
/// write into hundreds of megabytes. Each write (the change it dispatches) gets an allowance of bytes per client and
/// one for the server, charged as the events' values are resolved (<see cref="ResponseBudget"/>); once spent, the
/// client's remaining selections get an error for that write instead of being resolved, and their subscriptions go on.
/// Selections shared by several subscribers are resolved once and charged once.
/// </summary>
internal sealed class EventFanOutBudget(IOptions<GraphQLStreamingOptions> options)
{
    /// <summary>Where a streaming operation's user context holds the client it runs for.</summary>
    public const string ClientKey = "Coco.StreamingClient";

    public const string ExceededCode = "EVENT_FAN_OUT_EXCEEDED";

    // Weak: a write's allowances are forgotten with the change object, once every subscriber has its event.
    private readonly ConditionalWeakTable<object, Write> _writes = new();

    /// <summary>The allowance of <paramref name="client"/> for the events of one <paramref name="write"/>.</summary>
    public ByteAllowance For(object write, ClientAddress client)
    {
        var limits = options.Value;
        var allowances = _writes.GetValue(write, _ => new Write(new ByteAllowance(limits.MaxEventBytesPerWrite, () => new RequestLimitError(LimitCodes.ServerBusy,
            string.Create(CultureInfo.InvariantCulture, $"One write produced more than the {limits.MaxEventBytesPerWrite:N0} bytes of subscription events the server resolves for it; this event was not sent. Try again later."),
            limits.MaxEventBytesPerWrite))));
        return allowances.Clients.GetOrAdd(client, _ => new ByteAllowance(limits.MaxEventBytesPerClient, () => new RequestLimitError(ExceededCode,
                string.Create(CultureInfo.InvariantCulture, $"One write produced more than the {limits.MaxEventBytesPerClient:N0} bytes of subscription events this client may receive for it (every distinct selection is resolved on its own); this event was not sent and the subscription goes on. Subscribe with fewer distinct selections, or fewer aliased large fields such as config."),
                limits.MaxEventBytesPerClient), allowances.Server));
    }

    /// <summary>The client a streaming operation's user context names, if any.</summary>
    public static ClientAddress? ClientOf(IDictionary<string, object?>? userContext) =>
        userContext is not null && userContext.TryGetValue(ClientKey, out var client) && client is ClientAddress address ? address : null;

    private sealed record Write(ByteAllowance Server)
    {
        public ConcurrentDictionary<ClientAddress, ByteAllowance> Clients { get; } = new();
    }
}
