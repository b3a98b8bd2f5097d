namespace Coco.Connectors.Server.Json;

/// <summary>
/// Why client JSON was refused. <see cref="Detail"/> finishes a sentence about what was read ("the request body …",
/// "the \"variables\" parameter …"), so each entry point words the error its own way around the same reason.
/// </summary>
public sealed record JsonProblem(string Code, string Detail)
{
    /// <summary>Not JSON at all: a syntax error or bytes that are not UTF-8.</summary>
    public const string InvalidJson = "INVALID_JSON";

    /// <summary>JSON nested deeper than <see cref="StrictJson.MaxDepth"/> levels.</summary>
    public const string TooDeep = "JSON_TOO_DEEP";

    /// <summary>An object names the same key twice.</summary>
    public const string DuplicateKey = "DUPLICATE_JSON_KEY";

    /// <summary>A <c>\uXXXX</c> escape is half of a UTF-16 surrogate pair without its other half.</summary>
    public const string InvalidUnicode = "INVALID_UNICODE";
}
