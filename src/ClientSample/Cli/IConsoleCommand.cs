namespace Coco.Connectors.ClientSample.Cli;

/// <summary>One console command: what it accepts, and how it runs.</summary>
internal interface IConsoleCommand
{
    string Name { get; }

    /// <summary>One usage line, e.g. <c>get &lt;id&gt;</c>.</summary>
    string Usage { get; }

    string Summary { get; }

    IReadOnlyList<string> Arguments { get; }

    IReadOnlySet<string> Options { get; }

    IReadOnlySet<string> Flags { get; }

    Task<int> RunAsync(CommandContext context);
}
