using Coco.Connectors.Client;

namespace Coco.Connectors.ClientSample.Cli.Commands;

/// <summary><c>delete &lt;id&gt; [--expected-version n]</c>: deletes a connector (built-ins are refused).</summary>
internal sealed class DeleteCommand : IConsoleCommand
{
    public string Name => "delete";

    public string Usage => "delete <id> [--expected-version <n>]";

    public string Summary => "deletes a connector";

    public IReadOnlyList<string> Arguments => ["id"];

    public IReadOnlySet<string> Options { get; } = new HashSet<string> { "--expected-version" };

    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandContext context)
    {
        var id = context.Arguments.Positionals[0];
        var input = new DeleteConnectorInput { Id = id, ExpectedVersion = context.Arguments.IntOption("--expected-version", 0, int.MaxValue) };
        var payload = (await context.Client.DeleteConnectorAsync(input, context.CancellationToken)).DeleteConnector;
        if (payload.Errors is [var error, ..])
        {
            throw new CommandFailedException(error.Match(
                connectorNotFoundError: e => $"no connector has the id '{e.Id}'",
                builtinConnectorError: e => e.Message,
                versionConflictError: e => ConnectorResultPrinter.Conflict(e.Id, e.ExpectedVersion, e.ActualVersion)));
        }

        var deleted = payload.DeletedId ?? throw new CommandFailedException("the server returned neither the deleted id nor a reason");
        if (context.Output.Json)
        {
            context.Output.WriteJson(new { deletedId = deleted });
        }
        else
        {
            context.Output.Out.WriteLine($"deleted {deleted}");
        }

        return ExitCodes.Success;
    }
}
