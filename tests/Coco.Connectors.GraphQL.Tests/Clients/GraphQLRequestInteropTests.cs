using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Clients;

/// <summary>graphql-request 7 (npm, pinned in <c>tests/interop</c>) set up as docs/clients.md shows, with auth on.</summary>
public sealed class GraphQLRequestInteropTests(CocoServer server) : IClassFixture<CocoServer>
{
    [SkippableFact]
    public async Task Queries_mutations_error_unions_and_refusals_work()
    {
        var report = await NodeScript.RunAsync("graphql-request.mjs", new Uri(server.BaseAddress, "graphql").ToString());

        var names = report.GetProperty("names").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Equal(3, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.True(report.GetProperty("totalCount").GetInt32() >= 26);

        Assert.Equal("graphql-request", report.GetProperty("created").GetProperty("connector").GetProperty("name").GetString());
        Assert.Equal(1, report.GetProperty("created").GetProperty("connector").GetProperty("version").GetInt32());

        var refusal = Assert.Single(report.GetProperty("refused").GetProperty("errors").EnumerateArray());
        Assert.Equal("ValidationError", refusal.GetProperty("__typename").GetString());
        Assert.Equal("name", refusal.GetProperty("field").GetString());

        Assert.Equal(400, report.GetProperty("invalid").GetProperty("status").GetInt32());
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", report.GetProperty("invalid").GetProperty("code").GetString());
    }
}
