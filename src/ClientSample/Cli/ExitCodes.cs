namespace Coco.Connectors.ClientSample.Cli;

/// <summary>The console's exit codes (also in the README).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server refused: not found, invalid input, a version conflict, a built-in, a GraphQL error.</summary>
    public const int Refused = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached, or its answer was not what the client expects.</summary>
    public const int Unavailable = 3;

    /// <summary>Stopped by Ctrl+C (except <c>watch</c>, for which that is the normal end).</summary>
    public const int Cancelled = 130;
}
