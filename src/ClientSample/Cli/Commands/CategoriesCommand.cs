using System.Globalization;
using Coco.Connectors.ClientSample.Cli.Output;

namespace Coco.Connectors.ClientSample.Cli.Commands;

/// <summary><c>categories [--query q]</c>: how many connectors each category has.</summary>
internal sealed class CategoriesCommand : IConsoleCommand
{
    public string Name => "categories";

    public string Usage => "categories [--query <text>]";

    public string Summary => "connector counts per category, most common first";

    public IReadOnlyList<string> Arguments => [];

    public IReadOnlySet<string> Options { get; } = new HashSet<string> { "--query" };

    public IReadOnlySet<string> Flags { get; } = new HashSet<string>();

    public async Task<int> RunAsync(CommandContext context)
    {
        var categories = (await context.Client.ConnectorCategoriesAsync(context.Arguments.Option("--query"), cancellationToken: context.CancellationToken))
            .ConnectorCategories;
        if (context.Output.Json)
        {
            context.Output.WriteJson(categories);
        }
        else
        {
            TableWriter.Write(context.Output.Out, ["CATEGORY", "COUNT"],
                categories.Select(c => (IReadOnlyList<string>)[c.Category, c.Count.ToString(CultureInfo.InvariantCulture)]));
        }

        return ExitCodes.Success;
    }
}
