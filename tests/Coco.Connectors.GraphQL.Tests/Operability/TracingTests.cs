using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using static Coco.Connectors.Tests.Transport.Streaming.WsTestClient;

namespace Coco.Connectors.Tests.Operability;

/// <summary>The real server with tracing on and an in-memory exporter: what an operator's trace backend would get.</summary>
[Collection(Collection)]
public sealed class TracingTests(TracingTests.TracedServer server) : IClassFixture<TracingTests.TracedServer>
{
    /// <summary>The classes whose servers trace: one at a time, since every tracer provider sees every process's span.</summary>
    public const string Collection = "Traced servers";

    private const string Secret = "ghp_tracing-secret-value";

    [Fact]
    public async Task A_mutation_and_the_subscription_delivery_it_causes_share_one_trace_that_holds_no_secret()
    {
        await using var socket = await ConnectAndInitAsync(server.GraphQLWebSocketUri, TransportWs);
        await socket.SubscribeAsync("s", "subscription { onConnectorCreated { id name } }");
        using var http = server.CreateHttpClient();

        // The subscription attaches in the background: write until it has seen an event, then trace one more write.
        var first = socket.ReceiveAsync("next");
        while (!first.IsCompleted)
        {
            await CreateAsync(http, "warm-up");
            await Task.WhenAny(first, Task.Delay(200));
        }

        await first;
        var id = await CreateAsync(http, "traced", "TracedCreate");
        JsonElement delivered;
        do
        {
            delivered = await socket.ReceiveAsync("next");
        }
        while (delivered.GetProperty("payload").GetProperty("data").GetProperty("onConnectorCreated").GetProperty("id").GetString() != id);

        var operation = await server.SpanAsync(s => s.DisplayName == "mutation TracedCreate"
            && s.TagObjects.Any(t => t.Key == "graphql.operation.name"));
        var delivery = await server.SpanAsync(s => s.OperationName == "connector.change.deliver"
            && Equals(s.GetTagItem("coco.connector.id"), id));

        Assert.Equal(operation.TraceId, delivery.TraceId);
        Assert.Equal("mutation", operation.GetTagItem("graphql.operation.type"));
        Assert.Equal(HashOf(MutationText("TracedCreate")), operation.GetTagItem("graphql.document.hash"));

        // The warm-ups repeat one text (parsed once, then from the cache): each span names the hash of that text.
        var warmUps = server.Spans.Where(s => s.DisplayName == "mutation WarmUp").ToList();
        Assert.NotEmpty(warmUps);
        Assert.All(warmUps, s => Assert.Equal(HashOf(MutationText("WarmUp")), s.GetTagItem("graphql.document.hash")));
        Assert.Equal("created", delivery.GetTagItem("coco.change.kind"));

        // The HTTP request is the operation's parent; the store's commands are its descendants.
        var trace = server.Spans.Where(s => s.TraceId == operation.TraceId).ToList();
        var request = Assert.Single(trace, s => s.SpanId == operation.ParentSpanId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        var insert = trace.First(s => s.Kind == ActivityKind.Client && Equals(s.GetTagItem("db.operation.name"), "insert"));
        Assert.All(trace.Where(s => s.Kind == ActivityKind.Client), s => Assert.True(IsBelow(s, operation, trace)));
        Assert.Equal("INSERT", insert.DisplayName);
        Assert.Equal(TestDatabase.IsPostgres ? "postgresql" : "sqlite", insert.GetTagItem("db.system.name"));
        Assert.StartsWith("INSERT INTO", insert.GetTagItem("db.query.text") as string, StringComparison.Ordinal);

        // Variables (a token in config) appear in no span, no tag, no event.
        foreach (var span in trace)
        {
            Assert.DoesNotContain(Secret, span.DisplayName, StringComparison.Ordinal);
            Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains(Secret, StringComparison.Ordinal) == true);
            Assert.DoesNotContain(span.Events.SelectMany(e => e.Tags), t => t.Value?.ToString()?.Contains(Secret, StringComparison.Ordinal) == true);
        }
    }

    private static bool IsBelow(Activity span, Activity ancestor, List<Activity> trace)
    {
        var parent = span.ParentSpanId;
        while (parent != default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }

            parent = trace.FirstOrDefault(s => s.SpanId == parent)?.ParentSpanId ?? default;
        }

        return false;
    }

    private static string MutationText(string operationName) =>
        $"mutation {operationName}($input: CreateConnectorInput!) {{ createConnector(input: $input) {{ connector {{ id }} }} }}";

    private static string HashOf(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static async Task<string> CreateAsync(HttpClient http, string name, string operationName = "WarmUp")
    {
        var response = await http.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new
        {
            query = MutationText(operationName),
            operationName,
            variables = new { input = new { name, config = new { token = Secret } } },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("data").GetProperty("createConnector").GetProperty("connector").GetProperty("id").GetString()!;
    }

    /// <summary>The server with <c>Telemetry:Tracing</c> on, exporting to a list.</summary>
    public class TracedServer : CocoServer
    {
        private readonly List<Activity> _spans = [];

        public IReadOnlyList<Activity> Spans
        {
            get
            {
                lock (_spans)
                {
                    return [.. _spans];
                }
            }
        }

        /// <summary>The first exported span that matches; spans are exported when they end, so this polls.</summary>
        public async Task<Activity> SpanAsync(Func<Activity, bool> match)
        {
            var deadline = DateTime.UtcNow + Patience.Limit;
            while (true)
            {
                if (Spans.FirstOrDefault(match) is { } span)
                {
                    return span;
                }

                Assert.True(DateTime.UtcNow < deadline, "The span was never exported.");
                await Task.Delay(50);
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Telemetry:Tracing", "true");
        }

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new LockedList(_spans)));

        // The exporter adds from the thread that ends a span; the test reads meanwhile.
        private sealed class LockedList(List<Activity> inner) : ICollection<Activity>
        {
            public int Count => Locked(() => inner.Count);

            public bool IsReadOnly => false;

            public void Add(Activity item) => Locked(() => { inner.Add(item); return 0; });

            public void Clear() => Locked(() => { inner.Clear(); return 0; });

            public bool Contains(Activity item) => Locked(() => inner.Contains(item));

            public void CopyTo(Activity[] array, int arrayIndex) => Locked(() => { inner.CopyTo(array, arrayIndex); return 0; });

            public bool Remove(Activity item) => Locked(() => inner.Remove(item));

            public IEnumerator<Activity> GetEnumerator() => Locked(() => inner.ToList()).GetEnumerator();

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

            private T Locked<T>(Func<T> action)
            {
                lock (inner)
                {
                    return action();
                }
            }
        }
    }
}
