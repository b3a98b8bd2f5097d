using System.Globalization;
using Coco.Connectors.ClientSample.Cli.Output;

namespace Coco.Connectors.ClientSample.Cli.Commands;

/// <summary>
/// <c>watch [--category c]</c>: one line per change until Ctrl+C (JSON Lines with <c>--json</c>). The client
/// reconnects and subscribes again when the connection drops; changes made during the gap are not replayed.
/// </summary>
internal sealed class WatchCommand : IConsoleCommand
{
    private static readonly string[] Headers = ["KIND", "ID", "VERSION", "SHOWN", "NAME"];
    private static readonly int[] Widths = [7, 20, 7, 5, 0];

    public string Name => "watch";

    public string Usage => "watch [--category <category>]";

    public string Summary => "prints connector changes as they happen, until Ctrl+C";

    public IReadOnlyList<string> Arguments => [];

    public IReadOnlySet<string> Options { get; } = new HashSet<string> { "--category" };

    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandContext context)
    {
        var output = context.Output;
        await output.Error.WriteLineAsync("watching connector changes; Ctrl+C stops");
        if (!output.Json)
        {
            await output.Out.WriteLineAsync(TableWriter.Line(Headers, Widths));
        }

        try
        {
            var where = Filters.Category(context.Arguments.Option("--category"));
            await foreach (var change in context.Client.WatchConnectorsAsync(where, context.CancellationToken))
            {
                var e = change.OnConnectorChanged;
                if (output.Json)
                {
                    output.WriteJsonLine(e);
                    continue;
                }

                string[] row = [e.Kind.ToString().ToUpperInvariant(), e.Id, e.Version.ToString(CultureInfo.InvariantCulture), ConnectorText.Bool(e.Matches), e.Connector?.Name ?? ""];
                await output.Out.WriteLineAsync(TableWriter.Line(row, Widths));
                await output.Out.FlushAsync();
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the normal way to stop watching.
        }

        return ExitCodes.Success;
    }
}
