using Coco.Connectors.Client;
using Coco.Connectors.ClientSample.Cli.Commands;
using Coco.Connectors.ClientSample.Cli.Output;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.ClientSample.Cli;

/// <summary>
/// The console over <see cref="IConnectorClient"/>: parses the command line, runs one command against the server
/// (<c>--server</c>, else <c>COCO_SERVER</c>, else http://127.0.0.1:9000) and turns every failure into one line on
/// standard error and an exit code (<see cref="ExitCodes"/>). Tests call it in-process with their own writers.
/// </summary>
public static class ConsoleApp
{
    public const string DefaultServer = "http://127.0.0.1:9000";

    private static readonly IConsoleCommand[] Commands =
    [
        new ListCommand(), new GetCommand(), new CreateCommand(), new UpdateCommand(), new DeleteCommand(), new WatchCommand(), new CategoriesCommand(),
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error,
        Func<string, string?> environment, CancellationToken cancellationToken)
    {
        try
        {
            var parsed = CommandLine.Parse(args, name => Commands.FirstOrDefault(c => c.Name == name));
            if (parsed.Command is null || parsed.Flag("--help") || parsed.Flag("-h"))
            {
                await output.WriteAsync(Help());
                return parsed.Command is null && !parsed.Flag("--help") && !parsed.Flag("-h") ? ExitCodes.Usage : ExitCodes.Success;
            }

            var server = ServerAddress(parsed.Option("--server") ?? environment("COCO_SERVER") ?? DefaultServer);
            var services = new ServiceCollection();
            services.AddConnectorClient(server, options => options.ApiToken = environment("COCO_API_TOKEN"));
            await using var provider = services.BuildServiceProvider();
            var command = Commands.First(c => c.Name == parsed.Command);
            var context = new CommandContext(provider.GetRequiredService<IConnectorClient>(), parsed,
                new ConsoleOutput(output, error, parsed.Flag("--json")), cancellationToken);
            return await command.RunAsync(context);
        }
        catch (UsageException ex)
        {
            return Fail(error, $"{ex.Message} (see --help)", ExitCodes.Usage);
        }
        catch (CommandFailedException ex)
        {
            return Fail(error, ex.Message, ExitCodes.Refused);
        }
        catch (GraphQLRequestException ex)
        {
            return Fail(error, $"the server refused the request: {ex.Message}", ExitCodes.Refused);
        }
        catch (GraphQLTransportException ex)
        {
            return Fail(error, ex.Message, ExitCodes.Unavailable);
        }
        catch (GraphQLResponseException ex)
        {
            return Fail(error, ex.Message, ExitCodes.Unavailable);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(error, "cancelled", ExitCodes.Cancelled);
        }
    }

    private static Uri ServerAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"the server address must be an http or https URL, not '{text}'");

    private static int Fail(TextWriter error, string message, int exitCode)
    {
        error.WriteLine("error: " + message.ReplaceLineEndings(" "));
        return exitCode;
    }

    private static string Help()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("Coco connectors from the command line, through the typed GraphQL client.");
        text.AppendLine();
        text.AppendLine("usage: dotnet run --project src/ClientSample -- <command> [options] [--server <url>] [--json]");
        text.AppendLine();
        foreach (var command in Commands)
        {
            text.AppendLine($"  {command.Usage}");
            text.AppendLine($"      {command.Summary}");
        }

        text.AppendLine();
        text.AppendLine($"--server <url>   the server (default: $COCO_SERVER, else {DefaultServer})");
        text.AppendLine("--json           JSON instead of a table (watch: one JSON object per line)");
        text.AppendLine("exit codes: 0 done, 1 refused by the server, 2 wrong command line, 3 server unreachable or unexpected answer, 130 cancelled");
        return text.ToString();
    }
}
