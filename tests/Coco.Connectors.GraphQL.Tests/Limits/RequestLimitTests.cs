using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coco.Connectors.GraphQLApi.Limits;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Transport.Streaming;

namespace Coco.Connectors.Tests.Limits;

/// <summary>
/// What the limits let through (IDE introspection, the documented operations, a full page) and how the limits that
/// depend on the request — variables, the response, the error list — behave, over real HTTP and WebSockets.
/// </summary>
public sealed partial class RequestLimitTests(CocoServer server) : IClassFixture<CocoServer>, IDisposable
{
    private static readonly string[] AllLimitCodes = [.. typeof(LimitCodes).GetFields().Select(f => (string)f.GetValue(null)!), "DOCUMENT_TOO_DEEP"];

    private readonly GraphQLTestClient _client = new(server);

    [Fact]
    public async Task The_graphql_js_introspection_query_passes()
    {
        var schema = (await _client.PostAsync(IntrospectionQueries.GraphQLJs)).Ok()["__schema"]!;
        Assert.Contains(schema["types"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "ConnectorFilterInput");
    }

    [SkippableFact]
    public async Task The_npm_graphql_package_builds_a_client_schema_from_our_introspection()
    {
        var folder = await NodeInterop.PrepareAsync();
        var start = new ProcessStartInfo(NodeInterop.FindOnPath("node")!, ["introspection.mjs", new Uri(server.BaseAddress, "graphql").ToString()])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["COCO_API_TOKEN"] = CocoServer.TestToken },
        };
        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(node.ExitCode == 0, $"node introspection.mjs failed: {output}{errors}");
        using var report = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        Assert.Equal(200, report.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Query", report.RootElement.GetProperty("queryType").GetString());
    }

    [Fact]
    public async Task Every_operation_in_the_docs_is_within_the_limits()
    {
        var operations = DocumentedOperations().ToList();
        Assert.NotEmpty(operations);
        foreach (var (file, operation) in operations)
        {
            var response = await _client.PostAsync(operation);
            var codes = response.Errors?.Select(e => e?["extensions"]?["code"]?.GetValue<string>()) ?? [];
            Assert.True(!codes.Intersect(AllLimitCodes).Any(), $"{file}: {operation}\n→ {response.Text}");
        }
    }

    [Fact]
    public async Task The_cost_uses_the_variables_also_for_a_cached_document()
    {
        var query = "query($n: Int) { " + string.Join(' ', Enumerable.Range(0, 30).Select(i =>
            $"a{i}: connectors(first: $n) {{ edges {{ cursor node {{ id name description category tags url }} }} nodes {{ id name description category tags url }} }}")) + " }";

        (await _client.PostAsync(query, new { n = 2 })).Ok();
        var expensive = await _client.PostAsync(query, new { n = 50 });

        Assert.Equal(400, expensive.Status);
        Assert.Equal("COST_EXCEEDED", expensive.FirstErrorCode);
        Assert.Equal(25_000, expensive.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
        Assert.True(expensive.Errors![0]!["extensions"]!["cost"]!.GetValue<double>() > 25_000);
        (await _client.PostAsync(query, new { n = 2 })).Ok();
    }

    [Theory]
    [InlineData(64, null)]
    [InlineData(65, "QUERY_TOO_MANY_TERMS")]
    [InlineData(101, "LIST_TOO_LONG")]
    public async Task List_values_are_bounded_in_variables_and_in_filters(int count, string? code)
    {
        var names = Enumerable.Range(0, count).Select(i => $"v{i}").ToArray();
        var viaVariable = await _client.PostAsync("query($names: [String]) { connectors(where: {name: {in: $names}}) { nodes { id } } }", new { names });
        var literal = await _client.PostAsync(HostileDocuments.InList(count));
        foreach (var response in new[] { viaVariable, literal })
        {
            if (code is null)
            {
                response.Ok();
            }
            else
            {
                Assert.True(response.FirstErrorCode == code, response.Text);
            }
        }
    }

    [Fact]
    public async Task A_long_list_inside_an_input_object_variable_is_refused()
    {
        var where = new { name = new { @in = Enumerable.Range(0, 101).Select(i => $"v{i}").ToArray() } };
        var response = await _client.PostAsync("query($where: ConnectorFilterInput) { connectors(where: $where) { nodes { id } } }", new { where });

        Assert.Equal(("LIST_TOO_LONG", 400), (response.FirstErrorCode, response.Status));
        Assert.Contains("$where", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ %s }", "unknown{0}", 1_000, "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("{ %s }", "a{0}: __typename(x: 1, y: 2, z: 3, w: 4)", 30, "KNOWN_ARGUMENT_NAMES")]
    [InlineData("{ %s }", "a{0}: connectorById(id: \"x\", id: \"y\", id: \"z\", id: \"w\", id: \"v\") {{ id }}", 30, "UNIQUE_ARGUMENT_NAMES")]
    public async Task Validation_stops_after_a_hundred_errors(string template, string item, int count, string code)
    {
        var document = template.Replace("%s", string.Join(' ', Enumerable.Range(0, count).Select(i => string.Format(CultureInfo.InvariantCulture, item, i))), StringComparison.Ordinal);
        var response = await _client.PostAsync(document);

        Assert.Equal(400, response.Status);
        Assert.Equal(101, response.Errors!.Count);
        Assert.Equal(code, response.FirstErrorCode);
        Assert.Equal("TOO_MANY_ERRORS", response.Errors[100]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("stopped after 100 errors", response.Errors[100]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_document_is_refused_over_websockets_too()
    {
        await using var socket = await WsTestClient.ConnectAndInitAsync(server.GraphQLWebSocketUri);
        await socket.SubscribeAsync("1", HostileDocuments.FragmentFanOut(30, "__typename"));

        var message = await socket.ReceiveAsync("error");
        Assert.Equal("MAX_FIELDS_EXCEEDED", message.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Limits_come_from_configuration()
    {
        using var tight = new LimitsServer(new Dictionary<string, string> { ["MaxAliases"] = "2", ["MaxResponseBytes"] = "2000" });
        using var client = new GraphQLTestClient(tight);

        (await client.PostAsync("{ a: __typename b: __typename }")).Ok();
        var aliases = await client.PostAsync("{ a: __typename b: __typename c: __typename }");
        Assert.Equal(("MAX_ALIASES_EXCEEDED", 400), (aliases.FirstErrorCode, aliases.Status));

        (await client.PostAsync("{ connectors(first: 2) { nodes { id } } }")).Ok();
        var large = await client.PostAsync("{ connectors(first: 50) { nodes { id name description tags url } } }");
        Assert.Equal(("RESPONSE_TOO_LARGE", 400), (large.FirstErrorCode, large.Status));
        Assert.Null(large.Data);
        Assert.True(large.Text.Length < 1_000, large.Text);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Each operation of every <c>```graphql</c> block in README.md and docs/*.md.</summary>
    private static IEnumerable<(string File, string Operation)> DocumentedOperations()
    {
        var files = Directory.GetFiles(RepositoryFiles.PathOf("docs"), "*.md").Append(RepositoryFiles.PathOf("README.md"));
        foreach (var file in files)
        {
            foreach (Match block in GraphQLBlock().Matches(File.ReadAllText(file)))
            {
                var text = block.Groups[1].Value;
                var starts = OperationStart().Matches(text).Select(m => m.Index).Append(text.Length).ToList();
                for (var i = 0; i + 1 < starts.Count; i++)
                {
                    yield return (Path.GetFileName(file), text[starts[i]..starts[i + 1]].Trim());
                }
            }
        }
    }

    [GeneratedRegex(@"```graphql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex GraphQLBlock();

    [GeneratedRegex(@"^(query|mutation|subscription|\{)", RegexOptions.Multiline)]
    private static partial Regex OperationStart();
}
