using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL.Transport;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// Counts the distinct selections (document, operation and variables) among running subscriptions, per client and on
/// the server, and refuses a subscription that would add one beyond the caps. Every event is executed and serialized
/// once per distinct selection (<see cref="SharedEventStrategy"/>), so that number, not the number of subscribers, is
/// what an event costs: a thousand subscriptions that differ only in an alias would otherwise cost a thousand
/// executions of every event. A subscription whose selection is already running is always counted in, for free.
/// </summary>
internal sealed class SelectionAdmission(IOptions<GraphQLStreamingOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(ClientAddress Client, string Selection), int> _perClient = [];
    private readonly Dictionary<ClientAddress, int> _distinctPerClient = [];
    private readonly Dictionary<string, int> _onServer = new(StringComparer.Ordinal);

    /// <summary>Distinct selections running on the server.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _onServer.Count;
            }
        }
    }

    /// <summary>A short, exact name for a request's selection.</summary>
    public static string SelectionOf(GraphQLRequest request)
    {
        string variables;
        try
        {
            variables = request.Variables is null ? "" : JsonSerializer.Serialize(request.Variables);
        }
        catch (NotSupportedException)
        {
            variables = Guid.NewGuid().ToString(); // Cannot be written down: count it as a selection of its own.
        }

        var text = string.Concat(request.OperationName, "\n", variables, "\n", request.Query);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A lease on the selection for one subscription, to dispose when it ends; null (and why) when a cap is reached.</summary>
    public IDisposable? TryAdmit(ClientAddress client, string selection, out AdmissionRefusal refusal)
    {
        var limits = options.Value;
        lock (_gate)
        {
            _perClient.TryGetValue((client, selection), out var held);
            _distinctPerClient.TryGetValue(client, out var distinct);
            var onServer = _onServer.TryGetValue(selection, out var serverHeld);
            refusal = held > 0 ? AdmissionRefusal.None
                : distinct >= limits.MaxSelectionsPerClient ? AdmissionRefusal.ClientLimit
                : !onServer && _onServer.Count >= limits.MaxSelections ? AdmissionRefusal.ServerLimit
                : AdmissionRefusal.None;
            if (refusal != AdmissionRefusal.None)
            {
                return null;
            }

            _perClient[(client, selection)] = held + 1;
            if (held == 0)
            {
                _distinctPerClient[client] = distinct + 1;
            }

            _onServer[selection] = serverHeld + 1;
        }

        return new Lease(this, client, selection);
    }

    private void Release(ClientAddress client, string selection)
    {
        lock (_gate)
        {
            if (Decrement(_perClient, (client, selection)) == 0)
            {
                Decrement(_distinctPerClient, client);
            }

            Decrement(_onServer, selection);
        }
    }

    private static int Decrement<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull
    {
        // Clients come and go; keep only the keys that hold something.
        var left = counts[key] - 1;
        if (left == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = left;
        }

        return left;
    }

    private sealed class Lease(SelectionAdmission admission, ClientAddress client, string selection) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                admission.Release(client, selection);
            }
        }
    }
}
