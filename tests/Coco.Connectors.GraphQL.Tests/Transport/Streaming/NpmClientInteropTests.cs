using System.Diagnostics;
using System.Text.Json;

using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>
/// The official npm clients (graphql-ws 6, subscriptions-transport-ws 0.11) against the real server, through the
/// scripts in <c>tests/interop</c>. Without Node.js a developer's run skips them with the reason; CI must have it.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class NpmClientInteropTests(StreamingServer server)
{
    [SkippableTheory]
    [InlineData("graphql-ws-client.mjs", "graphql-ws", "from graphql-ws")]
    [InlineData("apollo-client.mjs", "apollo", "from apollo")]
    public async Task Official_client_queries_subscribes_and_receives_published_events(string script, string user, string text)
    {
        var folder = await NodeInterop.PrepareAsync();
        var topic = Guid.NewGuid().ToString("N");

        using var report = JsonDocument.Parse(await RunAsync(folder, "node", script, server.GraphQLWebSocketUri.ToString(), topic));
        var root = report.RootElement;

        Assert.Equal(user, root.GetProperty("connectionParam").GetString());
        Assert.Equal(1, root.GetProperty("published").GetInt32());
        Assert.Equal([1, 2, 3], root.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt32()));
        Assert.All(root.GetProperty("messages").EnumerateArray(), m => Assert.Equal(text, m.GetProperty("text").GetString()));
        Assert.True(root.GetProperty("released").GetBoolean());
        Assert.Equal([1, 2, 3], root.GetProperty("ticks").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Contains("nope", root.GetProperty("validationError").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Hub.SubscriberCount(topic));
    }

    /// <summary>Runs a tool to the end and returns the last line it printed; fails with its output otherwise.</summary>
    private static async Task<string> RunAsync(string folder, string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(NodeInterop.FindOnPath(tool) ?? tool, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["COCO_API_TOKEN"] = CocoServer.TestToken },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish.");
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}\n{await stderr}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
    }
}
