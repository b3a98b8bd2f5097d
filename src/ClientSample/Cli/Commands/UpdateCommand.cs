using Coco.Connectors.Client;

namespace Coco.Connectors.ClientSample.Cli.Commands;

/// <summary>
/// <c>update &lt;id&gt; [--name …] …</c>: a merge patch of the given fields, sent with <c>expectedVersion</c> (the
/// version read just before, or <c>--expected-version</c>) so a change made meanwhile is reported, not overwritten.
/// </summary>
internal sealed class UpdateCommand : IConsoleCommand
{
    public string Name => "update";

    public string Usage =>
        "update <id> [--name <name>] [--description <text>] [--category <category>] [--icon <icon>] [--url <url>] [--tag <tag> …] [--config <key>=<value> …] [--enable | --disable] [--expected-version <n>]";

    public string Summary => "changes the given fields of a connector; reports a version conflict";

    public IReadOnlyList<string> Arguments => ["id"];

    public IReadOnlySet<string> Options { get; } =
        new HashSet<string> { "--name", "--description", "--category", "--icon", "--url", "--tag", "--config", "--expected-version" };

    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--enable", "--disable" };

    public async Task<int> RunAsync(CommandContext context)
    {
        var args = context.Arguments;
        var id = args.Positionals[0];
        if (args.Flag("--enable") && args.Flag("--disable"))
        {
            throw new UsageException("give --enable or --disable, not both");
        }

        var input = new UpdateConnectorInput
        {
            Id = id,
            Name = Given.Text(args.Option("--name")),
            Description = Given.Text(args.Option("--description")),
            Category = Given.Text(args.Option("--category")),
            Icon = Given.Text(args.Option("--icon")),
            Url = Given.Text(args.Option("--url")),
            Tags = Given.List(args.All("--tag")),
            Config = Given.Json(ConfigArguments.Parse(args.All("--config"))),
            Enabled = Given.Flag(on: args.Flag("--enable"), off: args.Flag("--disable")),
        };
        if (input == new UpdateConnectorInput { Id = id })
        {
            throw new UsageException("nothing to change: give at least one of --name, --description, --category, --icon, --url, --tag, --config, --enable, --disable");
        }

        var expected = args.IntOption("--expected-version", 0, int.MaxValue) ?? await CurrentVersionAsync(context, id);
        var payload = (await context.Client.UpdateConnectorAsync(input with { ExpectedVersion = expected }, context.CancellationToken)).UpdateConnector;
        if (payload.Errors is [var error, ..])
        {
            throw new CommandFailedException(error.Match(
                validationError: e => e.Message,
                connectorNotFoundError: e => $"no connector has the id '{e.Id}'",
                versionConflictError: e => ConnectorResultPrinter.Conflict(e.Id, e.ExpectedVersion, e.ActualVersion)));
        }

        return ConnectorResultPrinter.Print(context, payload.Connector);
    }

    private static async Task<int> CurrentVersionAsync(CommandContext context, string id) =>
        (await context.Client.GetConnectorAsync(id, context.CancellationToken)).ConnectorById?.Version
        ?? throw new CommandFailedException($"no connector has the id '{id}'");
}
