using Coco.Connectors.ClientSample.Cli.Output;

namespace Coco.Connectors.ClientSample.Cli.Commands;

/// <summary><c>get &lt;id&gt;</c>: one connector, every field (secrets in config read as <c>******</c>).</summary>
internal sealed class GetCommand : IConsoleCommand
{
    public string Name => "get";

    public string Usage => "get <id>";

    public string Summary => "one connector with every field";

    public IReadOnlyList<string> Arguments => ["id"];

    public IReadOnlySet<string> Options { get; } = new HashSet<string>();

    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandContext context)
    {
        var id = context.Arguments.Positionals[0];
        var connector = (await context.Client.GetConnectorAsync(id, context.CancellationToken)).ConnectorById
            ?? throw new CommandFailedException($"no connector has the id '{id}'");
        if (context.Output.Json)
        {
            context.Output.WriteJson(connector);
        }
        else
        {
            ConnectorText.WriteDetails(context.Output.Out, connector);
        }

        return ExitCodes.Success;
    }
}
