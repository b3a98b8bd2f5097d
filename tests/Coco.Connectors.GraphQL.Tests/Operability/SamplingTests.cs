using System.Diagnostics;
using System.Net.Http.Json;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Operability;

/// <summary>
/// The standard sampler variables with a ratio of zero: the server's own requests export nothing, and a caller's
/// sampled trace is still continued whole (docs/operations.md, "Cost"). Activity listeners are process-wide, so the
/// traced servers' classes share a collection: another provider sampling everything would record these requests too.
/// </summary>
[Collection(TracingTests.Collection)]
public sealed class SamplingTests(SamplingTests.UnsampledServer server) : IClassFixture<SamplingTests.UnsampledServer>
{
    [Fact]
    public async Task Unsampled_requests_export_no_span_and_a_callers_sampled_trace_is_continued()
    {
        using var http = server.CreateHttpClient();
        for (var i = 0; i < 3; i++)
        {
            await QueryAsync(http, "NotSampled", traceParent: null);
        }

        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        await QueryAsync(http, "CallerSampled", $"00-{traceId.ToHexString()}-{callerSpan.ToHexString()}-01");

        // Spans are exported as they end, in order: once the caller's operation is there, the others would be too.
        var operation = await server.SpanAsync(s => s.DisplayName == "query CallerSampled");
        Assert.Equal(traceId, operation.TraceId);
        var trace = server.Spans.Where(s => s.TraceId == traceId).ToList();
        var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal(callerSpan, request.ParentSpanId);
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.ParentSpanId == operation.SpanId);

        // Nothing of the unsampled requests: no operation span, no store command span.
        Assert.DoesNotContain(server.Spans, s => s.DisplayName == "query NotSampled");
        Assert.All(server.Spans, s => Assert.Equal(traceId, s.TraceId));
    }

    private static async Task QueryAsync(HttpClient http, string operationName, string? traceParent)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("graphql", UriKind.Relative))
        {
            Content = JsonContent.Create(new { query = $"query {operationName} {{ connectors(first: 1) {{ nodes {{ id }} }} }}" }),
        };
        if (traceParent is not null)
        {
            message.Headers.Add("traceparent", traceParent);
        }

        using var response = await http.SendAsync(message);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Traced, with <c>OTEL_TRACES_SAMPLER=parentbased_traceidratio</c> and a ratio of 0.</summary>
    public sealed class UnsampledServer : TracingTests.TracedServer
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_TRACES_SAMPLER", "parentbased_traceidratio");
            builder.UseSetting("OTEL_TRACES_SAMPLER_ARG", "0");
        }
    }
}
