namespace Coco.Connectors.ClientSample.Cli;

/// <summary>The server refused the command (an error a mutation returned, or a missing connector).</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
