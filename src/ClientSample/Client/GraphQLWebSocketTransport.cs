using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Client;

/// <summary>
/// Subscriptions over <c>graphql-transport-ws</c>, each on its own socket so one subscription's reconnection or
/// slow reader never holds up another (the server allows many sockets; a client rarely has more than a few).
/// </summary>
internal sealed class GraphQLWebSocketTransport(IOptions<ConnectorClientOptions> options, ILogger<GraphQLWebSocketTransport> logger)
{
    public async IAsyncEnumerable<JsonElement> SubscribeAsync(GraphQLOperationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var session = new GraphQLSubscriptionSession(request, options.Value, logger);
        await using (session.ConfigureAwait(false))
        {
            while (await session.NextAsync(cancellationToken).ConfigureAwait(false) is { } data)
            {
                yield return data;
            }
        }
    }
}
