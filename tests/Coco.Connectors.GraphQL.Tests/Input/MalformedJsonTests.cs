using System.Net;
using System.Text.Json;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Input;

/// <summary>
/// JSON that parses but cannot be read as plain data (a key twice, half a surrogate pair) is refused with a 400 that
/// names the key, on every JSON entry point, in that entry point's own error shape; nothing is stored.
/// </summary>
public sealed class MalformedJsonTests(CocoServer server) : IClassFixture<CocoServer>
{
    private const string Create = "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id } } }";

    /// <summary>A connector document with one defect, the code it is refused with and the key the reason names.</summary>
    public static TheoryData<string, string, string> Documents => new()
    {
        { """{"name":"a","name":"b"}""", "DUPLICATE_JSON_KEY", "'name'" },
        { """{"name":"a","config":{"x":1,"x":2}}""", "DUPLICATE_JSON_KEY", "'config.x'" },
        { """{"name":"a","config":{"password":"p","pass\u0077ord":"q"}}""", "DUPLICATE_JSON_KEY", "'config.password'" },
        { """{"name":"a","config":{"servers":[{"host":"h","ho\u0073t":"i"}]}}""", "DUPLICATE_JSON_KEY", "'config.servers[0].host'" },
        { """{"na\u006de":"a","name":"b"}""", "DUPLICATE_JSON_KEY", "'name'" },
        { """{"name":"a","config":{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k\u0035":0}}""", "DUPLICATE_JSON_KEY", "'config.k5'" },
        { """{"name":"\ud800"}""", "INVALID_UNICODE", "'name'" },
        { """{"name":"a","tags":["ok","x\udfff"]}""", "INVALID_UNICODE", "'tags[1]'" },
        { """{"name":"a","config":{"\ud800":1}}""", "INVALID_UNICODE", @"'config.\ud800'" },
        { """{"name":"a","config":{"k":"\ude00\ud83d"}}""", "INVALID_UNICODE", "'config.k'" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Rest_create_update_and_search_refuse_it_with_the_key_in_the_reason(string document, string code, string key)
    {
        using var client = server.CreateHttpClient();
        var before = await server.SnapshotAsync();

        foreach (var (method, path) in new[] { ("POST", "connector/"), ("PUT", "connector/github"), ("PUT", "connector/github?replace=true"), ("POST", "connector/_search") })
        {
            var response = await client.SendJsonAsync(new HttpMethod(method), path, document);

            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal(400, (int?)response.Object["status"]);
            var reason = (string)response.Object["error"]!["reason"]!;
            Assert.Contains(key, reason, StringComparison.Ordinal);
            Assert.Contains(code == "DUPLICATE_JSON_KEY" ? "more than once" : "unpaired UTF-16 surrogate", reason, StringComparison.Ordinal);
        }

        Assert.Equal(before, await server.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task GraphQL_post_get_and_sse_refuse_it_in_variables(string document, string code, string key)
    {
        using var client = new GraphQLTestClient(server);
        var before = await server.SnapshotAsync();
        var body = $$$"""{"query":{{{JsonSerializer.Serialize(Create)}}},"variables":{"input":{{{document}}}}}""";
        var expected = "'variables.input." + key[1..];

        var post = await client.PostRawAsync(body);
        var legacy = await client.PostRawAsync(body, accept: "application/json");
        var sse = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = new StringContent(body, null, "application/json") },
            accept: "text/event-stream");
        var get = await client.GetAsync($"graphql?query={Uri.EscapeDataString("{ __typename }")}&variables={Uri.EscapeDataString($$$"""{"input":{{{document}}}}""")}");

        foreach (var response in new[] { post, legacy, sse })
        {
            Assert.Equal(400, response.Status);
            Assert.Equal(code, response.FirstErrorCode);
            Assert.Contains(expected, response.FirstErrorMessage, StringComparison.Ordinal);
        }

        Assert.Equal(400, get.Status);
        Assert.Equal(code, get.FirstErrorCode);
        Assert.Contains("'input." + key[1..], get.FirstErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, await server.SnapshotAsync());
    }

    [Theory]
    [InlineData("""{"query":"{ __typename }","query":"{ connectors { totalCount } }"}""", "DUPLICATE_JSON_KEY", "'query'")]
    [InlineData("""{"query":"{ __typename }","extensions":{"a":1,"a":2}}""", "DUPLICATE_JSON_KEY", "'extensions.a'")]
    [InlineData("""{"query":"{ __typename } # \ud800"}""", "INVALID_UNICODE", "'query'")]
    [InlineData("""{"query":"{ __typename }","operationName":"\udc00"}""", "INVALID_UNICODE", "'operationName'")]
    public async Task The_request_object_itself_is_checked_too(string body, string code, string key)
    {
        using var client = new GraphQLTestClient(server);
        var response = await client.PostRawAsync(body);

        Assert.Equal(400, response.Status);
        Assert.Equal(code, response.FirstErrorCode);
        Assert.Contains(key, response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""mutation { createConnector(input: {name: "\ud800"}) { connector { id } } }""")]
    [InlineData("""mutation { createConnector(input: {name: "ok", config: {k: ["\udfff"]}}) { connector { id } } }""")]
    [InlineData("""query($id: ID! = "\ud83d") { connectorById(id: $id) { id } }""")]
    [InlineData("""{ connectorById(id: "github") { id @include(if: true) } connectors(query: "a\udc00b") { totalCount } }""")]
    public async Task A_graphql_string_literal_with_half_a_surrogate_pair_is_a_request_error(string query)
    {
        using var client = new GraphQLTestClient(server);
        var before = await server.SnapshotAsync();

        var strict = await client.PostAsync(query);
        var legacy = await client.PostAsync(query, accept: "application/json");

        Assert.Equal((400, 200), (strict.Status, legacy.Status));
        Assert.Equal("INVALID_UNICODE", strict.FirstErrorCode);
        Assert.Equal("INVALID_UNICODE", legacy.FirstErrorCode);
        Assert.Null(legacy.Data);
        Assert.Equal(before, await server.SnapshotAsync());
    }

    [Fact]
    public async Task A_surrogate_pair_written_as_two_escapes_is_text_like_any_other()
    {
        using var client = new GraphQLTestClient(server);
        using var rest = server.CreateHttpClient();

        var viaLiteral = await client.PostAsync("""mutation { createConnector(input: {name: "smile \ud83d\ude00"}) { connector { id name } } }""");
        var viaRest = await rest.SendJsonAsync(HttpMethod.Post, "connector/", """{"name":"smile \ud83d\ude00","config":{"\ud83d\udd11":"k"}}""");

        Assert.Equal("smile \U0001F600", viaLiteral.Ok()["createConnector"]!["connector"]!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, viaRest.Status);
        var stored = await server.StoredAsync((string)viaRest.Object["_id"]!);
        Assert.Equal("smile \U0001F600", stored!.Name);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task A_graphql_transport_ws_message_with_it_closes_the_socket_with_4400(string document, string code, string key)
    {
        await using var socket = await ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await socket.SendRawAsync($$$$"""{"type":"subscribe","id":"1","payload":{"query":{{{{JsonSerializer.Serialize(Create)}}}},"variables":{"input":{{{{document}}}}}}}""");

        var (status, reason) = await socket.ReceiveCloseAsync();

        Assert.Equal(4400, status);
        Assert.StartsWith("The message has", reason, StringComparison.Ordinal);
        Assert.Contains(code == "DUPLICATE_JSON_KEY" ? "more than once" : "surrogate", reason, StringComparison.Ordinal);
        Assert.Contains("'payload.variables.input." + key[1..], reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_init_payload_with_a_key_twice_closes_with_4400_naming_it()
    {
        await using var socket = await ConnectAsync(server.GraphQLWebSocketUri);
        await socket.SendRawAsync("""{"type":"connection_init","payload":{"token":"a","token":"b"}}""");

        Assert.Equal((4400, "The message has the key 'payload.token' more than once."), await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task An_apollo_message_with_it_is_answered_with_connection_error_and_the_socket_keeps_serving()
    {
        await using var socket = await ConnectAndInitAsync(server.GraphQLWebSocketUri, ApolloWs);
        await socket.SendRawAsync("""{"type":"start","id":"1","payload":{"query":"{ __typename }","variables":{"a":1,"a":2}}}""");

        var error = await socket.ReceiveAsync("connection_error");
        Assert.Equal("The message has the key 'payload.variables.a' more than once.", error.GetProperty("payload").GetProperty("message").GetString());

        await socket.SubscribeAsync("2", "{ __typename }");
        Assert.Equal("Query", (await socket.ReceiveAsync("data")).GetProperty("payload").GetProperty("data").GetProperty("__typename").GetString());
    }
}
