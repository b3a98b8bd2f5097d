using Coco.Connectors.ClientSample.Cli;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>One run of the console's entry point in-process, with its output, errors and exit code.</summary>
public sealed record ConsoleRun(int ExitCode, string Output, string Error)
{
    public static async Task<ConsoleRun> RunAsync(Uri? server, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ConsoleApp.RunAsync(args, output, error, Environment(server), CancellationToken.None);
        return new ConsoleRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The environment the console reads: <c>COCO_SERVER</c>, set to the test server, and the test token.</summary>
    public static Func<string, string?> Environment(Uri? server) => name => name switch
    {
        "COCO_SERVER" => server?.ToString(),
        "COCO_API_TOKEN" => Infrastructure.CocoServer.TestToken,
        _ => null,
    };

    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
