using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Input;

/// <summary>
/// Deterministic fuzzing of every JSON and GraphQL entry point with <see cref="HostileJson"/>: the server never answers
/// 5xx (nor closes a WebSocket with 1011), and a refused request leaves the stored data exactly as it was.
/// A failure names the seed and case, so it can be replayed.
/// </summary>
public sealed partial class InputFuzzTests(CocoServer server) : IClassFixture<CocoServer>
{
    private const int Seed = 7_2026;
    private const int HttpCases = 1200;
    private const string Create = "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id } } }";
    private const string Update = "mutation($input: UpdateConnectorInput!) { updateConnector(input: $input) { connector { id } } }";

    [Fact]
    public async Task Rest_bodies_never_get_a_5xx_and_refusals_change_nothing()
    {
        var random = new Random(Seed);
        var hostile = new HostileJson(random);
        using var client = server.CreateHttpClient();
        var target = await CreateTargetAsync(client);
        var stored = await server.SnapshotAsync();

        for (var i = 0; i < HttpCases; i++)
        {
            var body = hostile.Document();
            var (method, path) = random.Next(5) switch
            {
                0 => ("POST", "connector/"),
                1 => ("PUT", $"connector/{target}"),
                2 => ("PUT", $"connector/{target}?replace=true"),
                3 => ("PUT", "connector/github"),
                _ => ("POST", "connector/_search"),
            };

            var response = await client.SendJsonAsync(new HttpMethod(method), path, body);
            stored = await CheckAsync(i, $"{method} {path} {body}", (int)response.Status, response.Text, stored, client);
        }
    }

    [Fact]
    public async Task GraphQL_requests_never_get_a_5xx_and_refusals_change_nothing()
    {
        var random = new Random(Seed + 1);
        var hostile = new HostileJson(random);
        using var client = server.CreateHttpClient();
        var target = await CreateTargetAsync(client);
        var stored = await server.SnapshotAsync();

        for (var i = 0; i < HttpCases; i++)
        {
            using var request = random.Next(6) switch
            {
                0 => Post(hostile.Damage("{\"query\":" + Quote(Create) + ",\"variables\":{\"input\":" + hostile.Document() + "}}")),
                1 => Post(hostile.Damage("{\"query\":" + Quote(Update) + ",\"variables\":{\"input\":{\"id\":\"" + target + "\",\"fields\":" + hostile.Document() + "}}}")),
                2 => Post(hostile.Damage("{\"query\":" + Quote(Create) + ",\"variables\":" + hostile.Value() + ",\"extensions\":" + hostile.Value() + "}")),
                3 => Post(JsonSerializer.Serialize(new { query = hostile.Damage(LiteralMutation(hostile)) })),
                4 => new HttpRequestMessage(HttpMethod.Get, "graphql?query=" + Uri.EscapeDataString("query($where: ConnectorFilterInput) { connectors(where: $where) { totalCount } }")
                    + "&variables=" + Uri.EscapeDataString(hostile.Damage("{\"where\":" + hostile.Value() + "}"))),
                _ => Post(hostile.Damage("{\"query\":" + Quote(Create) + ",\"variables\":{\"input\":" + hostile.Document() + "}}"), eventStream: true),
            };
            var description = $"{request.Method} {request.RequestUri} {(request.Content is null ? "" : await request.Content.ReadAsStringAsync())}";
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQL.GraphQLTestClient.GraphQLResponseJson));

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            stored = await CheckAsync(i, description, (int)response.StatusCode, text, stored, client);
        }
    }

    [Fact]
    public async Task WebSocket_messages_never_close_the_socket_with_an_internal_error_and_refusals_change_nothing()
    {
        var random = new Random(Seed + 2);
        var hostile = new HostileJson(random);
        var stored = await server.SnapshotAsync();
        await using (var apollo = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs))
        {
            for (var i = 0; i < 300; i++)
            {
                // Apollo's protocol answers a bad message and keeps the socket; a probe follows each one, so an internal
                // error (a 1011 close) would surface here. Reads only: the store must not change at all.
                var query = random.Next(2) == 0 ? "{ __typename }" : "query($where: ConnectorFilterInput) { connectors(where: $where) { totalCount } }";
                await apollo.SendRawAsync(hostile.Damage($"{{\"type\":\"start\",\"id\":\"f{i}\",\"payload\":{{\"query\":{Quote(query)},\"variables\":{{\"where\":" + hostile.Value() + "}}}"));
                await apollo.SendRawAsync($$$"""{"type":"start","id":"probe{{{i}}}","payload":{"query":"{ __typename }"}}""");
                await ReceiveUntilCompleteAsync(apollo, $"probe{i}", i);
            }
        }

        Assert.Equal(stored, await server.SnapshotAsync());
        for (var i = 0; i < 60; i++)
        {
            await using var socket = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
            await socket.SendRawAsync(hostile.Damage("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":" + Quote(Create) + ",\"variables\":{\"input\":" + hostile.Document() + "}}}"));
            await socket.SendRawAsync("""{"type":"subscribe","id":"probe","payload":{"query":"{ __typename }"}}""");
            var created = await ReceiveUntilCompleteAsync(socket, "probe", i, allowBadMessageClose: true);

            var now = await server.SnapshotAsync();
            Assert.True(created || now == stored, $"case {i} (seed {Seed + 2}): refused, but the store changed");
            AssertNoReplacementCharacter(now, i);
            stored = now;
        }
    }

    private async Task<string> CheckAsync(int index, string request, int status, string body, string stored, HttpClient client)
    {
        Assert.True(status < 500, $"case {index}: {status} for {request}\n{body}");
        var now = await server.SnapshotAsync();
        if (status >= 400)
        {
            Assert.True(stored == now, $"case {index}: refused with {status} but the store changed: {request}");
        }

        AssertNoReplacementCharacter(now, index);
        return await ForgetCreatedAsync(client, body) ? await server.SnapshotAsync() : now;
    }

    /// <summary>Accepted text is stored as sent: nothing (half a surrogate pair) may have become U+FFFD on the way.</summary>
    private static void AssertNoReplacementCharacter(string snapshot, int index)
    {
        Assert.False(snapshot.Contains('\uFFFD', StringComparison.Ordinal) || snapshot.Contains("\\uFFFD", StringComparison.OrdinalIgnoreCase),
            $"case {index}: a replacement character was stored");
    }

    /// <summary>Deletes a connector the case created, so the store (and each snapshot) stays small.</summary>
    private static async Task<bool> ForgetCreatedAsync(HttpClient client, string responseBody)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(responseBody);
        }
        catch (JsonException)
        {
            return false; // An event stream: its creates are rare and stay.
        }

        var id = (json?["result"]?.GetValue<string>() == "created" ? json["_id"] : json?["data"]?["createConnector"]?["connector"]?["id"])?.GetValue<string>();
        if (id is null)
        {
            return false;
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.DeleteAsync(new Uri($"connector/{id}", UriKind.Relative))).StatusCode);
        return true;
    }

    private static async Task<string> CreateTargetAsync(HttpClient client)
    {
        var created = await client.SendJsonAsync(HttpMethod.Post, "connector/", """{"name":"fuzz target","config":{"password":"s3cret"}}""");
        return (string)created.Object["_id"]!;
    }

    private static HttpRequestMessage Post(string body, bool eventStream = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (eventStream)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        return request;
    }

    /// <summary>A mutation whose input is written as GraphQL literals built from hostile strings and values.</summary>
    private static string LiteralMutation(HostileJson hostile)
    {
        // JSON string escapes are GraphQL string escapes too; JSON objects become GraphQL objects once keys are bare.
        var config = "{k: " + BareKey().Replace(hostile.Value(), "$1:") + "}";
        return $$"""mutation { createConnector(input: {name: {{hostile.String()}}, config: {{config}}}) { connector { id name } } }""";
    }

    [GeneratedRegex("\"([A-Za-z_][A-Za-z0-9_]*)\":")]
    private static partial Regex BareKey();

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    /// <summary>
    /// Reads until the probe operation completes; true when a connector was created on the way. The socket may close
    /// only for a bad message (4400), never with an internal error.
    /// </summary>
    private static async Task<bool> ReceiveUntilCompleteAsync(WsTestClient socket, string probeId, int index, bool allowBadMessageClose = false)
    {
        var created = false;
        while (true)
        {
            var message = await ReceiveOrCloseAsync(socket);
            if (message is null)
            {
                var status = (int?)socket.Socket.CloseStatus;
                Assert.True(allowBadMessageClose && status == 4400,
                    $"case {index} (seed {Seed + 2}): the socket closed with {status} {socket.Socket.CloseStatusDescription}");
                return false;
            }

            created |= Type(message.Value) is "next" or "data"
                && message.Value.GetProperty("payload").TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("createConnector", out var payload) && payload.ValueKind == JsonValueKind.Object;
            if (Type(message.Value) == "complete" && Id(message.Value) == probeId)
            {
                return created;
            }
        }
    }

    private static async Task<JsonElement?> ReceiveOrCloseAsync(WsTestClient socket)
    {
        try
        {
            return await socket.ReceiveAsync();
        }
        catch (InvalidOperationException) when (socket.Socket.State is WebSocketState.Closed or WebSocketState.CloseReceived)
        {
            return null;
        }
    }
}
