using System.Net;
using System.Text;
using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>GraphQL over server-sent events (graphql-sse, distinct connections mode) over real HTTP.</summary>
[Collection(StreamingCollection.Name)]
public sealed class SseTests(StreamingServer server)
{
    [Fact]
    public async Task Subscription_streams_next_events_then_complete()
    {
        using var client = server.CreateHttpClient();
        using var stream = await SseTestStream.OpenAsync(client, SseTestStream.Post("subscription { ticks(count: 3) }"));

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        for (var tick = 1; tick <= 3; tick++)
        {
            var next = await stream.ReadAsync("next");
            Assert.Equal(tick, next.Json().GetProperty("data").GetProperty("ticks").GetInt32());
        }

        Assert.Equal("", (await stream.ReadAsync("complete")).Data);
        Assert.Null(await stream.ReadAsync());
    }

    [Fact]
    public async Task Published_events_arrive_and_a_client_disconnect_releases_the_subscription()
    {
        var topic = Guid.NewGuid().ToString("N");
        using var client = server.CreateHttpClient();
        var stream = await SseTestStream.OpenAsync(client, SseTestStream.Post(
            "subscription($topic: String!) { messages(topic: $topic) { text seq } }", new { topic }));
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 1, "the subscription is attached");

        server.Hub.Publish(topic, "over sse", count: 2);
        Assert.Equal(1, (await stream.ReadAsync("next")).Json().GetProperty("data").GetProperty("messages").GetProperty("seq").GetInt32());
        Assert.Equal(2, (await stream.ReadAsync("next")).Json().GetProperty("data").GetProperty("messages").GetProperty("seq").GetInt32());

        stream.Dispose();
        await Eventually.TrueAsync(() => server.Hub.SubscriberCount(topic) == 0, "the disconnected client's subscription is released");
    }

    [Fact]
    public async Task Query_and_mutation_give_one_next_then_complete()
    {
        using var client = server.CreateHttpClient();
        using (var query = await SseTestStream.OpenAsync(client, SseTestStream.Post("{ hello(name: \"sse\") }")))
        {
            Assert.Equal("Hello, sse!", (await query.ReadAsync("next")).Json().GetProperty("data").GetProperty("hello").GetString());
            await query.ReadAsync("complete");
        }

        using var mutation = await SseTestStream.OpenAsync(client, SseTestStream.Post("mutation { publish(topic: \"nobody\", text: \"x\") }"));
        Assert.Equal(0, (await mutation.ReadAsync("next")).Json().GetProperty("data").GetProperty("publish").GetInt32());
        await mutation.ReadAsync("complete");
    }

    [Fact]
    public async Task Get_reads_query_variables_and_operation_name_from_the_url()
    {
        using var client = server.CreateHttpClient();
        var query = Uri.EscapeDataString("query Greet($name: String) { hello(name: $name) } query Other { hello }");
        var variables = Uri.EscapeDataString("{\"name\":\"url\"}");
        using var stream = await SseTestStream.OpenAsync(client, SseTestStream.Get($"query={query}&variables={variables}&operationName=Greet"));

        Assert.Equal("Hello, url!", (await stream.ReadAsync("next")).Json().GetProperty("data").GetProperty("hello").GetString());
        await stream.ReadAsync("complete");
    }

    [Fact]
    public async Task Mutation_over_get_is_refused_inside_the_stream()
    {
        using var client = server.CreateHttpClient();
        var query = Uri.EscapeDataString("mutation { publish(topic: \"nobody\", text: \"x\") }");
        using var stream = await SseTestStream.OpenAsync(client, SseTestStream.Get($"query={query}"));

        var next = await stream.ReadAsync("next");
        Assert.Equal("OPERATION_NOT_ALLOWED", next.Json().GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        await stream.ReadAsync("complete");
    }

    [Fact]
    public async Task Validation_errors_are_reported_inside_the_accepted_stream()
    {
        using var client = server.CreateHttpClient();
        using var stream = await SseTestStream.OpenAsync(client, SseTestStream.Post("subscription { nope }"));

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        var next = await stream.ReadAsync("next");
        Assert.Contains("nope", next.Json().GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        await stream.ReadAsync("complete");
    }

    [Fact]
    public async Task Idle_streams_get_keep_alive_comments()
    {
        var topic = Guid.NewGuid().ToString("N");
        using var client = server.CreateHttpClient();
        using var stream = await SseTestStream.OpenAsync(client, SseTestStream.Post(
            "subscription($topic: String!) { messages(topic: $topic) { seq } }", new { topic }));

        var keepAlive = await stream.ReadAsync(skipComments: false);
        Assert.True(keepAlive?.IsComment);
    }

    [Theory]
    [InlineData("{\"query\": ", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[{\"query\": \"{ hello }\"}]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"variables\": {}}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{ hello }", "application/graphql", HttpStatusCode.UnsupportedMediaType)]
    public async Task Unreadable_requests_are_answered_with_a_json_error_before_any_stream(string body, string contentType, HttpStatusCode status)
    {
        using var client = server.CreateHttpClient();
        using var request = SseTestStream.Post("unused");
        request.Content = new StringContent(body, Encoding.UTF8, contentType);

        using var response = await client.SendAsync(request);

        await AssertJsonErrorAsync(response, status);
    }

    [Fact]
    public async Task Get_with_variables_that_are_not_json_is_a_bad_request()
    {
        using var client = server.CreateHttpClient();
        using var response = await client.SendAsync(SseTestStream.Get("query=%7Bhello%7D&variables=%7Bnot-json"));

        await AssertJsonErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_with_413()
    {
        using var client = server.CreateHttpClient();
        using var request = SseTestStream.Post($"{{ hello(name: \"{new string('x', StreamingServer.MaxMessageSize)}\") }}");

        using var response = await client.SendAsync(request);

        await AssertJsonErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    private static async Task AssertJsonErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(body.RootElement.GetProperty("errors")[0].GetProperty("message").GetString()!);
    }
}
