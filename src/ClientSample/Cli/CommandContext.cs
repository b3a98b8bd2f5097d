using Coco.Connectors.Client;
using Coco.Connectors.ClientSample.Cli.Output;

namespace Coco.Connectors.ClientSample.Cli;

/// <summary>What a command runs with.</summary>
internal sealed record CommandContext(IConnectorClient Client, ParsedArguments Arguments, ConsoleOutput Output, CancellationToken CancellationToken);
