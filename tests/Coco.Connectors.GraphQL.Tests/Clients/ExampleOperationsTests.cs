using System.Text.Json.Nodes;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;
using Coco.Connectors.Tests.Subscriptions;
using Coco.Connectors.Tests.Transport.Streaming;
using GraphQLParser;
using GraphQLParser.AST;

namespace Coco.Connectors.Tests.Clients;

/// <summary>
/// Every operation in <c>docs/examples</c>, in name order with the example variables beside it, parses, validates and
/// executes against a real server with auth on: no GraphQL error and no typed error in a mutation's payload. The
/// subscription is opened over SSE and must deliver an event for a matching write.
/// </summary>
public sealed class ExampleOperationsTests(CocoServer server) : IClassFixture<CocoServer>, IDisposable
{
    private readonly GraphQLTestClient _client = new(server);
    private readonly LiveServer _live = new(server);

    private static string Folder => Path.Combine(RepositoryFiles.Root, "docs", "examples");

    [Fact]
    public async Task Every_example_operation_runs_without_errors()
    {
        var files = Directory.GetFiles(Folder, "*.graphql").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 8, $"expected the example operations in {Folder}");
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file);
            var variablesFile = Path.ChangeExtension(file, ".variables.json");
            var variables = File.Exists(variablesFile) ? JsonNode.Parse(await File.ReadAllTextAsync(variablesFile)) : null;
            var operation = Assert.Single(Parser.Parse(text).Definitions.OfType<GraphQLOperationDefinition>());

            var data = operation.Operation == OperationType.Subscription
                ? await FirstEventAsync(text, variables)
                : (await _client.PostAsync(text, variables)).Ok();

            Assert.True(data is JsonObject { Count: > 0 }, $"{Path.GetFileName(file)}: no data");
            var payloadErrors = data.AsObject().Select(f => f.Value is JsonObject payload ? payload["errors"] : null).Where(e => e is JsonArray { Count: > 0 }).ToList();
            Assert.True(payloadErrors.Count == 0, $"{Path.GetFileName(file)}: {string.Join(", ", payloadErrors.Select(e => e!.ToJsonString()))}");
        }
    }

    [Fact]
    public void Every_variables_file_belongs_to_an_operation()
    {
        foreach (var file in Directory.GetFiles(Folder, "*.variables.json"))
        {
            Assert.True(File.Exists(file.Replace(".variables.json", ".graphql", StringComparison.Ordinal)), $"{file} has no operation");
        }
    }

    private async Task<JsonNode> FirstEventAsync(string text, JsonNode? variables)
    {
        using var http = server.CreateHttpClient();
        using var stream = await SseTestStream.OpenAsync(http, SseTestStream.Post(text, variables));
        Assert.Equal(System.Net.HttpStatusCode.OK, stream.Response.StatusCode);
        await _live.WaitForSubscribersAsync(1);

        // A write that every example filter matches: the examples' category.
        var category = (string?)variables?["where"]?["category"]?["eq"] ?? "version_control";
        await _live.CreateAsync(new { name = "example event", category });
        var next = JsonNode.Parse((await stream.ReadAsync("next")).Data)!;
        Assert.True(next["errors"] is null, next.ToJsonString());
        return next["data"]!;
    }

    public void Dispose()
    {
        _client.Dispose();
        _live.Dispose();
    }
}
