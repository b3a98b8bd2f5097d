namespace Coco.Connectors.ClientSample.Cli;

/// <summary>The command line cannot be run as given; the message says what to change.</summary>
internal sealed class UsageException(string message) : Exception(message);
