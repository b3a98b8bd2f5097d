using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Coco.Connectors.Secrets;
using Coco.Connectors.Server.Auth;
using Coco.Connectors.Server.RateLimits;
using Coco.Connectors.Server.Transport.Streaming;
using GraphQL;
using GraphQL.Transport;

namespace Coco.Connectors.Server.Transport.WebSockets;

/// <summary>What a subprotocol needs from the host, bundled so the protocol classes stay small.</summary>
internal sealed record ProtocolServices(
    OperationStreamer Streamer,
    IGraphQLTextSerializer Serializer,
    IServiceScopeFactory Scopes,
    GraphQLStreamingOptions Options,
    StreamingConnection Client,
    WebSocketAuth Auth,
    OperationPermits Permits,
    ILogger Logger);
