using Coco.Connectors.Client;
using Coco.Connectors.ClientSample.Cli.Output;

namespace Coco.Connectors.ClientSample.Cli.Commands;

/// <summary><c>list [--query q] [--category c] [--all] [--first n]</c>: one page of connectors, or every page with <c>--all</c>.</summary>
internal sealed class ListCommand : IConsoleCommand
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 50;

    public string Name => "list";

    public string Usage => "list [--query <text>] [--category <category>] [--all] [--first <n>]";

    public string Summary => "connectors, newest first; --all pages through every one with cursors";

    public IReadOnlyList<string> Arguments => [];

    public IReadOnlySet<string> Options { get; } = new HashSet<string> { "--query", "--category", "--first" };

    public IReadOnlySet<string> Flags { get; } = new HashSet<string> { "--all" };

    public async Task<int> RunAsync(CommandContext context)
    {
        var args = context.Arguments;
        var all = args.Flag("--all");
        var pageSize = args.IntOption("--first", 1, MaxPageSize) ?? (all ? MaxPageSize : DefaultPageSize);
        var where = Filters.Category(args.Option("--category"));
        var connectors = new List<ConnectorFields>();
        string? after = null;
        int total;
        bool more;
        do
        {
            var page = (await context.Client.ListConnectorsAsync(pageSize, after, args.Option("--query"), where, cancellationToken: context.CancellationToken)).Connectors
                ?? throw new CommandFailedException("the server returned no page of connectors");
            connectors.AddRange(page.Nodes ?? []);
            total = page.TotalCount;
            more = page.PageInfo.HasNextPage;
            after = page.PageInfo.EndCursor;
        }
        while (all && more && after is not null);

        if (context.Output.Json)
        {
            context.Output.WriteJson(connectors);
            return ExitCodes.Success;
        }

        TableWriter.Write(context.Output.Out, ConnectorText.Headers, connectors.Select(ConnectorText.Row));
        context.Output.Out.WriteLine(more && !all
            ? $"{connectors.Count} of {total} connectors (--all lists every one)"
            : $"{connectors.Count} connector{(connectors.Count == 1 ? "" : "s")}");
        return ExitCodes.Success;
    }
}
