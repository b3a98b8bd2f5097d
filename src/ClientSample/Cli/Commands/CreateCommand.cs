using Coco.Connectors.Client;

namespace Coco.Connectors.ClientSample.Cli.Commands;

/// <summary><c>create --name … [--config key=value …]</c>: a new connector, shown as stored.</summary>
internal sealed class CreateCommand : IConsoleCommand
{
    public string Name => "create";

    public string Usage =>
        "create --name <name> [--id <id>] [--description <text>] [--category <category>] [--icon <icon>] [--url <url>] [--tag <tag> …] [--config <key>=<value> …] [--disabled]";

    public string Summary => "creates a connector";

    public IReadOnlyList<string> Arguments => [];

    public IReadOnlySet<string> Options { get; } =
        new HashSet<string> { "--name", "--id", "--description", "--category", "--icon", "--url", "--tag", "--config" };

    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--disabled" };

    public async Task<int> RunAsync(CommandContext context)
    {
        var args = context.Arguments;
        var input = new CreateConnectorInput
        {
            Name = args.Option("--name") ?? throw new UsageException("create needs --name"),
            Id = Given.Text(args.Option("--id")),
            Description = Given.Text(args.Option("--description")),
            Category = Given.Text(args.Option("--category")),
            Icon = Given.Text(args.Option("--icon")),
            Url = Given.Text(args.Option("--url")),
            Tags = Given.List(args.All("--tag")),
            Config = Given.Json(ConfigArguments.Parse(args.All("--config"))),
            Enabled = Given.Flag(on: false, off: args.Flag("--disabled")),
        };
        var payload = (await context.Client.CreateConnectorAsync(input, context.CancellationToken)).CreateConnector;
        if (payload.Errors is [var error, ..])
        {
            throw new CommandFailedException(error.Match(
                validationError: e => e.Message,
                duplicateConnectorIdError: e => $"a connector with the id '{e.Id}' already exists"));
        }

        return ConnectorResultPrinter.Print(context, payload.Connector);
    }
}
