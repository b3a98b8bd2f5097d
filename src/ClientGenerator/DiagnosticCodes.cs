namespace Coco.Connectors.ClientGenerator;

/// <summary>The generator's error codes (a prefix of their own, so they never read as compiler or analyzer codes).</summary>
internal static class DiagnosticCodes
{
    /// <summary>A <c>.graphql</c> file is not GraphQL.</summary>
    public const string Syntax = "COCOGQL001";

    /// <summary>An operation or fragment does not validate against the schema.</summary>
    public const string Validation = "COCOGQL002";

    /// <summary>An operation has no name, so the client method could not be named.</summary>
    public const string AnonymousOperation = "COCOGQL003";

    /// <summary>The schema file cannot be read or built.</summary>
    public const string Schema = "COCOGQL004";

    /// <summary>Two definitions would give C# types or members of the same name.</summary>
    public const string NameClash = "COCOGQL005";

    /// <summary>A file cannot be read, or the command line is wrong.</summary>
    public const string Input = "COCOGQL006";
}
