using System.Net;
using System.Net.Http.Json;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Operability;

/// <summary>
/// The real server process after a scripted workload: <c>/metrics</c> shows our own instruments and ASP.NET Core's
/// with the names, labels and counts of that workload. Its own process, so no other test's traffic is counted.
/// </summary>
public sealed class MetricsTests : IDisposable
{
    private const string Subscription = "subscription { onConnectorCreated { id } }";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coco-tests", "metrics-" + Guid.NewGuid().ToString("N"));

    public MetricsTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task A_scripted_workload_shows_up_in_the_prometheus_scrape_with_its_counts()
    {
        await using var server = await ServerProcess.StartAsync(_folder, withTestToken: true);
        using var http = server.CreateHttpClient();

        for (var i = 0; i < 3; i++)
        {
            await PostGraphQLAsync(http, "query ListSome { connectors(first: 2) { totalCount } }", HttpStatusCode.OK);
        }

        // Refused documents are named by the request's operationName (they are not executed, nor always parsed).
        await PostGraphQLAsync(http, "query Broken { connectors(first: 2) { nope } }", HttpStatusCode.OK, "Broken");
        var aliases = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"a{i}: __typename"));
        await PostGraphQLAsync(http, $"query TooWide {{ {aliases} }}", HttpStatusCode.OK, "TooWide");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("connector/github", UriKind.Relative))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("connector/nothing-here", UriKind.Relative))).StatusCode);

        // Subscriptions on two transports; writes until both have seen one (they attach in the background).
        var wsUri = new Uri(server.BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "graphql");
        await using var socket = await ConnectAndInitAsync(wsUri, TransportWs);
        await socket.SubscribeAsync("s", Subscription);
        using var sseClient = server.CreateHttpClient();
        using var sse = await SseTestStream.OpenAsync(sseClient, SseTestStream.Post(Subscription));
        var first = Task.WhenAll(socket.ReceiveAsync("next"), sse.ReadAsync());
        var mutations = 0;
        while (!first.IsCompleted)
        {
            await PostGraphQLAsync(http, """mutation AddOne { createConnector(input: { name: "metered" }) { connector { id } } }""", HttpStatusCode.OK);
            mutations++;
            await Task.WhenAny(first, Task.Delay(200));
        }

        await first;

        // A scrape may be served from a short cache, the dispatcher counts a change after its commit, and a request's
        // own measurements may be recorded just after its client had the response: read until the scrape reflects
        // the whole workload, then check it exactly. A change made before either subscription was attached reached
        // no one and is not counted as dispatched, so that count lies between the one both saw and every write.
        var scrape = await ScrapeUntilAsync(http, s =>
            s.Value("coco_graphql_operations_total", ("graphql_operation_name", "AddOne")) >= mutations
            && s.Value("coco_graphql_operation_duration_seconds_count", ("graphql_operation_name", "ListSome")) >= 3
            && s.Value("coco_graphql_operations_total", ("graphql_operation_name", "Broken")) >= 1
            && s.Value("coco_graphql_operations_total", ("graphql_operation_name", "TooWide")) >= 1
            && s.Value("coco_subscriptions_events_dispatched_total", ("kind", "created")) >= 1
            && s.Value("coco_subscriptions_dispatch_duration_seconds_count", ("kind", "created")) >= 1
            && s.Value("coco_streaming_subscriptions_active", ("protocol", "sse")) >= 1
            && s.Value("http_server_request_duration_seconds_count", ("http_route", "/connector/{id}")) >= 3);

        Assert.Equal(3, scrape.Value("coco_graphql_operations_total",
            ("graphql_operation_type", "query"), ("graphql_operation_name", "ListSome"), ("outcome", "success")));
        Assert.Equal(3, scrape.Value("coco_graphql_operation_duration_seconds_count", ("graphql_operation_name", "ListSome")));
        Assert.Equal(mutations, scrape.Value("coco_graphql_operations_total",
            ("graphql_operation_type", "mutation"), ("graphql_operation_name", "AddOne"), ("outcome", "success")));
        Assert.Equal(1, scrape.Value("coco_graphql_operations_total", ("graphql_operation_name", "Broken"), ("outcome", "invalid")));
        Assert.Equal(1, scrape.Value("coco_graphql_operations_total", ("graphql_operation_name", "TooWide"), ("outcome", "rejected")));
        Assert.Equal(1, scrape.Value("coco_graphql_rejections_total", ("code", "FIELDS_ON_CORRECT_TYPE")));
        Assert.Equal(1, scrape.Value("coco_graphql_rejections_total", ("code", "MAX_ALIASES_EXCEEDED")));

        Assert.Equal(1, scrape.Value("coco_streaming_websockets_active", ("protocol", "graphql-transport-ws")));
        Assert.Equal(1, scrape.Value("coco_streaming_subscriptions_active", ("protocol", "graphql-transport-ws")));
        Assert.Equal(1, scrape.Value("coco_streaming_subscriptions_active", ("protocol", "sse")));
        Assert.Equal(1, scrape.Value("coco_streaming_sse_active"));
        Assert.InRange(scrape.Value("coco_subscriptions_events_dispatched_total", ("kind", "created")), 1, mutations);
        Assert.InRange(scrape.Value("coco_subscriptions_dispatch_duration_seconds_count", ("kind", "created")), 1, mutations);
        Assert.True(scrape.Value("coco_store_command_duration_seconds_count", ("db_operation", "insert")) >= mutations, scrape.Text);

        // REST by route and status, from the ASP.NET Core instrumentation.
        Assert.Equal(2, scrape.Value("http_server_request_duration_seconds_count",
            ("http_route", "/connector/{id}"), ("http_request_method", "GET"), ("http_response_status_code", "200")));
        Assert.Equal(1, scrape.Value("http_server_request_duration_seconds_count",
            ("http_route", "/connector/{id}"), ("http_response_status_code", "404")));
        Assert.True(scrape.Has("dotnet_gc_collections_total") || scrape.Has("process_runtime_dotnet_gc_collections_count_total"), "runtime metrics");

        // Closing the subscriptions brings the gauges back down.
        await socket.CloseAsync();
        sse.Dispose();
        // The stream's own gauge drops when its response ends, which may be just after its subscription's.
        var after = await ScrapeUntilAsync(http, s => s.Value("coco_streaming_subscriptions_active") == 0
            && s.Value("coco_streaming_websockets_active") == 0 && s.Value("coco_streaming_sse_active") == 0);
        Assert.Equal(0, after.Value("coco_streaming_subscriptions_active", ("protocol", "sse")));
    }

    private static async Task PostGraphQLAsync(HttpClient http, string query, HttpStatusCode expected, string? operationName = null)
    {
        var response = await http.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new { query, operationName });
        Assert.Equal(expected, response.StatusCode);
    }

    private static async Task<PrometheusScrape> ScrapeUntilAsync(HttpClient http, Func<PrometheusScrape, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience.Limit;
        while (true)
        {
            var scrape = await PrometheusScrape.ReadAsync(http);
            if (done(scrape))
            {
                return scrape;
            }

            Assert.True(DateTime.UtcNow < deadline, "The scrape never reflected the workload:\n" + scrape.Text);
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
