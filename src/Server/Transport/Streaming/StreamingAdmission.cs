using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// Counts what each client holds open on the streaming transports (WebSockets, SSE streams, subscriptions) and
/// refuses one more beyond the caps of <see cref="GraphQLStreamingOptions"/>, per client and for the whole server.
/// Opening and closing streams is rare next to the traffic on them, so one lock is plenty.
/// </summary>
internal sealed class StreamingAdmission(IOptions<GraphQLStreamingOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(StreamKind, ClientAddress), int> _perClient = [];
    private readonly int[] _total = new int[Enum.GetValues<StreamKind>().Length];

    /// <summary>How many streams of <paramref name="kind"/> are open on the server.</summary>
    public int Count(StreamKind kind)
    {
        lock (_gate)
        {
            return _total[(int)kind];
        }
    }

    /// <summary>How many the client's own cap and the server's cap allow for <paramref name="kind"/>.</summary>
    public (int PerClient, int Total) Limits(StreamKind kind)
    {
        var o = options.Value;
        return kind switch
        {
            StreamKind.WebSocket => (o.MaxWebSocketsPerClient, o.MaxWebSockets),
            StreamKind.EventStream => (o.MaxSseStreamsPerClient, o.MaxSseStreams),
            _ => (o.MaxSubscriptionsPerClient, o.MaxSubscriptions),
        };
    }

    /// <summary>A lease on one more stream, to dispose when it closes; null (and why) when a cap is reached.</summary>
    public IDisposable? TryAdmit(StreamKind kind, ClientAddress client, out AdmissionRefusal refusal)
    {
        var (perClient, total) = Limits(kind);
        var key = (kind, client);
        lock (_gate)
        {
            _perClient.TryGetValue(key, out var held);
            refusal = held >= perClient ? AdmissionRefusal.ClientLimit
                : _total[(int)kind] >= total ? AdmissionRefusal.ServerLimit
                : AdmissionRefusal.None;
            if (refusal != AdmissionRefusal.None)
            {
                return null;
            }

            _perClient[key] = held + 1;
            _total[(int)kind]++;
        }

        return new Lease(this, key);
    }

    private void Release((StreamKind Kind, ClientAddress Client) key)
    {
        lock (_gate)
        {
            var held = _perClient[key] - 1;
            if (held == 0)
            {
                _perClient.Remove(key); // Clients come and go; keep only those holding something.
            }
            else
            {
                _perClient[key] = held;
            }

            _total[(int)key.Kind]--;
        }
    }

    private sealed class Lease(StreamingAdmission admission, (StreamKind, ClientAddress) key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                admission.Release(key);
            }
        }
    }
}
