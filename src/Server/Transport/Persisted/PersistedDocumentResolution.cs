using GraphQL;

namespace Coco.Connectors.Server.Transport.Persisted;

/// <summary>
/// What <see cref="PersistedDocumentResolver"/> made of a request: the document text to run, or the error to answer;
/// <see cref="RegisterHash"/> is set when the text should be registered under that hash once it has validated.
/// </summary>
public sealed record PersistedDocumentResolution(string? Query, ExecutionError? Error, string? RegisterHash)
{
    public static PersistedDocumentResolution Run(string? query, string? registerHash = null) => new(query, null, registerHash);

    public static PersistedDocumentResolution Refuse(string code, string message) => new(null, new PersistedDocumentError(code, message), null);
}
