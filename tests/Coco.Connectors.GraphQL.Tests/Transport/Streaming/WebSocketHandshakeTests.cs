using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>What the streaming middleware takes and what it leaves to the rest of the pipeline.</summary>
[Collection(StreamingCollection.Name)]
public sealed class WebSocketHandshakeTests(StreamingServer server)
{
    [Theory]
    [InlineData(TransportWs)]
    [InlineData(ApolloWs)]
    public async Task Each_supported_subprotocol_is_accepted(string subProtocol)
    {
        await using var client = await ConnectAsync(server.GraphQLWebSocketUri, subProtocol);
        Assert.Equal(subProtocol, client.Socket.SubProtocol);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("graphql-sse")]
    public async Task An_upgrade_without_a_supported_subprotocol_is_refused_with_400(string? subProtocol)
    {
        using var socket = WsTestClient.WithTestToken(new ClientWebSocket());
        socket.Options.CollectHttpResponseDetails = true;
        if (subProtocol is not null)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        using var timeout = new CancellationTokenSource(Patience.Limit);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.GraphQLWebSocketUri, timeout.Token));
        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }

    [Fact]
    public async Task The_path_with_a_trailing_slash_is_served_too()
    {
        await using var client = await ConnectAsync(new Uri(server.GraphQLWebSocketUri + "/"));
        Assert.Equal(TransportWs, client.Socket.SubProtocol);
    }

    [Fact]
    public async Task Other_requests_to_the_graphql_path_pass_through_to_the_next_middleware()
    {
        using var client = server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "graphql?query={hello}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.SendAsync(request);

        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }
}
