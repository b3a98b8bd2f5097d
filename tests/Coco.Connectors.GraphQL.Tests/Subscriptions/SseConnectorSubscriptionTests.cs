using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>The connector subscriptions over server-sent events (POST and GET), with real writes and a real disconnect.</summary>
public sealed class SseConnectorSubscriptionTests(CocoServer server) : IClassFixture<CocoServer>, IAsyncLifetime
{
    private const string Token = "sse-tok-c0ffee42";
    private const string Dsn = "postgres://u:sse-pw-77d1@h/db";

    private readonly LiveServer _live = new(server);

    public Task InitializeAsync() => _live.WaitForSubscribersAsync(0);

    public Task DisposeAsync()
    {
        _live.Dispose();
        return Task.CompletedTask;
    }

    private static JsonNode Data(SseEvent next, string field)
    {
        Assert.Equal("next", next.Name);
        Assert.DoesNotContain(Token, next.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("sse-pw-77d1", next.Data, StringComparison.Ordinal);
        var result = JsonNode.Parse(next.Data)!;
        Assert.True(result["errors"] is null, next.Data);
        return result["data"]![field]!;
    }

    // A write that commits while the subscription takes its snapshot may reach a stranger as one "does not match"
    // (the safe answer for a live list, docs/decisions.md); anything else about another connector is a failure.
    private static async Task<JsonNode> NextAboutAsync(SseTestStream stream, string id)
    {
        while (true)
        {
            var evt = Data(await stream.ReadAsync("next"), "onConnectorChanged");
            if ((string)evt["id"]! == id)
            {
                return evt;
            }

            Assert.False((bool)evt["matches"]!, evt.ToJsonString());
        }
    }

    public static TheoryData<string> Methods => new() { "POST", "GET" };

    private static HttpRequestMessage Request(string method, string query, object? variables = null) => method == "GET"
        ? SseTestStream.Get(GraphQLTestClient.QueryString(query, variables)["graphql?".Length..])
        : SseTestStream.Post(query, variables);

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Updated_events_stream_as_next_with_secrets_masked_and_a_disconnect_releases_the_subscriber(string method)
    {
        var id = await _live.CreateAsync(new { name = $"sse {method}", config = new { token = Token, dsn = Dsn, port = 5432 } });
        using var client = server.CreateHttpClient();
        var stream = await SseTestStream.OpenAsync(client, Request(method,
            "subscription($id: ID) { onConnectorUpdated(id: $id) { id version description config } }", new { id }));
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        await _live.WaitForSubscribersAsync(1);

        await _live.UpdateAsync(id, new { description = "first" });
        await _live.UpdateAsync(id, new { description = "second", config = new { token = Token + "-2" } });

        var first = Data(await stream.ReadAsync("next"), "onConnectorUpdated");
        Assert.Equal((id, 2, "first"), ((string)first["id"]!, (int)first["version"]!, (string)first["description"]!));
        Assert.Equal("******", (string?)first["config"]!["token"]);
        Assert.Equal("******", (string?)first["config"]!["dsn"]);
        Assert.Equal(5432, (int?)first["config"]!["port"]);
        var second = Data(await stream.ReadAsync("next"), "onConnectorUpdated");
        Assert.Equal((3, "second"), ((int)second["version"]!, (string)second["description"]!));
        Assert.Equal("******", (string?)second["config"]!["token"]);

        // Closing the connection is how an SSE client unsubscribes.
        stream.Dispose();
        await _live.WaitForSubscribersAsync(0);

        // The server still serves writes and new streams afterwards.
        await _live.UpdateAsync(id, new { description = "nobody listening" });
        Assert.Equal(0, _live.Subscribers);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Changed_with_where_streams_created_and_deleted_over_sse(string method)
    {
        var category = $"sse-{method.ToLowerInvariant()}";
        using var client = server.CreateHttpClient();
        using var stream = await SseTestStream.OpenAsync(client, Request(method,
            "subscription($category: String) { onConnectorChanged(where: {category: {eq: $category}}) { kind id version matches connector { config } } }",
            new { category }));
        await _live.WaitForSubscribersAsync(1);

        await _live.CreateAsync(new { name = "stranger", category = "elsewhere", config = new { token = Token } });
        var id = await _live.CreateAsync(new { name = "member", category, config = new { token = Token } });
        await _live.DeleteAsync(id);

        var created = await NextAboutAsync(stream, id);
        Assert.Equal((id, "CREATED", true), ((string)created["id"]!, (string)created["kind"]!, (bool)created["matches"]!));
        Assert.Equal("******", (string?)created["connector"]!["config"]!["token"]);
        var deleted = await NextAboutAsync(stream, id);
        Assert.Equal((id, "DELETED", false, 2), ((string)deleted["id"]!, (string)deleted["kind"]!, (bool)deleted["matches"]!, (int)deleted["version"]!));

        stream.Dispose();
        await _live.WaitForSubscribersAsync(0);
    }
}

/// <summary>The real server with keep-alives far apart, so nothing but the stream's own start can reach an idle client.</summary>
public sealed class QuietSseCocoServer : CocoServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Streaming:KeepAliveInterval", "01:00:00");
    }
}

/// <summary>
/// An SSE subscription is open as soon as it is accepted: the client gets the response headers before any event or
/// keep-alive. (Headers held back until the first write leave a client such as <c>fetch</c> or <c>HttpClient</c>
/// waiting for nothing; with keep-alives an hour apart this test would hit its hang guard.)
/// </summary>
public sealed class SseStreamOpenTests(QuietSseCocoServer server) : IClassFixture<QuietSseCocoServer>
{
    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task The_response_headers_arrive_before_any_event_and_the_first_event_follows_a_write(string method)
    {
        using var live = new LiveServer(server);
        var id = await live.CreateAsync(new { name = $"quiet {method}", config = new { password = "quiet-pw-0e4d" } });
        using var client = server.CreateHttpClient();
        const string Query = "subscription($id: ID) { onConnectorUpdated(id: $id) { version config } }";
        var request = method == "GET"
            ? SseTestStream.Get(GraphQLTestClient.QueryString(Query, new { id })["graphql?".Length..])
            : SseTestStream.Post(Query, new { id });

        using var stream = await SseTestStream.OpenAsync(client, request);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        await live.WaitForSubscribersAsync(1);

        await live.UpdateAsync(id, new { description = "now" });
        var next = await stream.ReadAsync("next");
        Assert.DoesNotContain("quiet-pw-0e4d", next.Data, StringComparison.Ordinal);
        var evt = JsonNode.Parse(next.Data)!["data"]!["onConnectorUpdated"]!;
        Assert.Equal(2, (int?)evt["version"]);
        Assert.Equal("******", (string?)evt["config"]!["password"]);
    }
}
