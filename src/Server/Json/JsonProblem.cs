namespace Coco.Connectors.Server.Json;

/// <summary>
/// Why client JSON was refused. <see cref="Detail"/> finishes a sentence about what was read ("the request body …",
/// "the \"variables\" parameter …"), so each entry point words the error its own way around the same reason.
/// </summary>
public sealed record JsonProblem(string Code, string Detail)
{
    /// <summary>Not JSON at all: a syntax error, bytes that are not UTF-8, or nesting deeper than allowed.</summary>
    public const string InvalidJson = "INVALID_JSON";

    /// <summary>An object names the same key twice.</summary>
    public const string DuplicateKey = "DUPLICATE_JSON_KEY";

    /// <summary>A <c>\uXXXX</c> escape is half of a UTF-16 surrogate pair without its other half.</summary>
    public const string InvalidUnicode = "INVALID_UNICODE";
}
