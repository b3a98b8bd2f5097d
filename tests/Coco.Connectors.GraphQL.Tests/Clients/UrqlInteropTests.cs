using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Clients;

/// <summary>
/// urql 6 (npm, pinned in <c>tests/interop</c>) set up as docs/clients.md shows, with auth on: a mutation, a query and a
/// subscription, over SSE (urql's <c>fetchSubscriptions</c>) and over WebSocket (graphql-ws).
/// </summary>
public sealed class UrqlInteropTests(CocoServer server) : IClassFixture<CocoServer>
{
    [SkippableTheory]
    [InlineData("sse")]
    [InlineData("ws")]
    public async Task Queries_mutations_and_subscriptions_work(string transport)
    {
        var report = await NodeScript.RunAsync("urql.mjs",
            new Uri(server.BaseAddress, "graphql").ToString(), server.GraphQLWebSocketUri.ToString(), transport);

        var created = report.GetProperty("created");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("errors").ValueKind);
        var id = created.GetProperty("connector").GetProperty("id").GetString();

        var received = report.GetProperty("event");
        Assert.Equal(id, received.GetProperty("id").GetString());
        Assert.StartsWith("change ", received.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(received.GetProperty("version").GetInt32() >= 2);

        var read = report.GetProperty("read");
        Assert.Equal($"urql {transport}", read.GetProperty("name").GetString());
        Assert.Equal("******", read.GetProperty("config").GetProperty("token").GetString());
    }
}
