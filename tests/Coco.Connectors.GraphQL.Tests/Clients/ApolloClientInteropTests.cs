using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Clients;

/// <summary>
/// Apollo Client 4 (npm, pinned in <c>tests/interop</c>) with its <c>PersistedQueryLink</c> against the server: the first
/// hash-only request misses, the link falls back to the text, which registers it, and the next run is hash-only.
/// </summary>
public sealed class ApolloClientInteropTests(CocoServer server) : IClassFixture<CocoServer>
{
    [SkippableTheory]
    [InlineData("post")]
    [InlineData("get")]
    public async Task Automatic_persisted_queries_work_with_Apollos_link(string mode)
    {
        var report = await NodeScript.RunAsync("apollo-apq.mjs", new Uri(server.BaseAddress, "graphql").ToString(), mode);

        Assert.Equal("github", report.GetProperty("first").GetProperty("id").GetString());
        Assert.Equal("github", report.GetProperty("second").GetProperty("id").GetString());
        Assert.StartsWith("apq ", report.GetProperty("created").GetProperty("name").GetString(), StringComparison.Ordinal);

        var requests = report.GetProperty("requests").EnumerateArray().Select(Describe).ToList();
        var hashedMethod = mode == "get" ? "GET" : "POST";
        // query: miss, register (Apollo sends the text by POST), hit; mutation: miss, register (always POST).
        Assert.Equal(
            [$"{hashedMethod} hash 400", "POST text+hash 200", $"{hashedMethod} hash 200", "POST hash 400", "POST text+hash 200"],
            requests);
    }

    [SkippableFact]
    public async Task The_documented_possibleTypes_map_matches_the_schema_and_reads_error_unions()
    {
        var report = await NodeScript.RunAsync("apollo-possible-types.mjs",
            new Uri(server.BaseAddress, "graphql").ToString(), RepositoryFiles.PathOf("docs/clients.md"));

        // docs/clients.md's map names every union and interface the server serves, each with its members.
        Assert.Equal(report.GetProperty("served").GetRawText(), report.GetProperty("documented").GetRawText());
        Assert.Contains("\"Error\"", report.GetProperty("served").GetRawText(), StringComparison.Ordinal);

        // With it, the refused create's union member is read through `... on Error`.
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal("DuplicateConnectorIdError", error.GetProperty("__typename").GetString());
        Assert.Contains("github", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Describe(JsonElement request) =>
        $"{request.GetProperty("method").GetString()} {(request.GetProperty("withText").GetBoolean() ? "text+hash" : "hash")} {request.GetProperty("status").GetInt32()}";
}
