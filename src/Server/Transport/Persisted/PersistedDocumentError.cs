using GraphQL.Execution;

namespace Coco.Connectors.Server.Transport.Persisted;

/// <summary>A request refused before parsing because of its persisted-document part (a request error: 400 under graphql-response+json).</summary>
public sealed class PersistedDocumentError : RequestError
{
    public PersistedDocumentError(string code, string message)
        : base(message)
    {
        Code = code;
    }
}
