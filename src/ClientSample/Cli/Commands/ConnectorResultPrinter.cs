using Coco.Connectors.Client;
using Coco.Connectors.ClientSample.Cli.Output;

namespace Coco.Connectors.ClientSample.Cli.Commands;

/// <summary>Shows a connector a mutation returned, as details or JSON.</summary>
internal static class ConnectorResultPrinter
{
    public static int Print(CommandContext context, ConnectorFields? connector)
    {
        if (connector is null)
        {
            throw new CommandFailedException("the server returned neither the connector nor a reason");
        }

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

    /// <summary>A version conflict, said so that the reader knows what to do.</summary>
    public static string Conflict(string id, int expected, int actual) =>
        $"connector '{id}' was changed by someone else: you had version {expected}, it is now at version {actual}; get it again and retry";
}
