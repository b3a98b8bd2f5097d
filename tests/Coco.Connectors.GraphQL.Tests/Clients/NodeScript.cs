using System.Diagnostics;
using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Clients;

/// <summary>Runs one of the <c>tests/interop</c> scripts with Node.js and reads the JSON report it prints last.</summary>
public static class NodeScript
{
    public static async Task<JsonElement> RunAsync(string script, params string[] arguments)
    {
        var folder = await NodeInterop.PrepareAsync();
        var start = new ProcessStartInfo(NodeInterop.FindOnPath("node")!, [script, .. arguments])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["COCO_API_TOKEN"] = CocoServer.TestToken },
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(node.ExitCode == 0, $"node {script} failed: {await output}{await errors}");
        var lines = (await output).Trim().Split('\n');
        using var report = JsonDocument.Parse(lines[^1]);
        return report.RootElement.Clone();
    }
}
