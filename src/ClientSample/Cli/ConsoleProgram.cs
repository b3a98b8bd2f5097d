using System.Runtime.InteropServices;

namespace Coco.Connectors.ClientSample.Cli;

/// <summary>The console's entry point: <c>dotnet run --project src/ClientSample -- &lt;command&gt;</c>.</summary>
public static class ConsoleProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();

        // SIGTERM (docker stop, systemd) ends a watch the same clean way as Ctrl+C.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops the command cleanly (watch unsubscribes); a second one ends the process.
            e.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
        };
        return await ConsoleApp.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, stop.Token);
    }
}
