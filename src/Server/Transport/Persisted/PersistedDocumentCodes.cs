namespace Coco.Connectors.Server.Transport.Persisted;

/// <summary>The <c>extensions.code</c>s of persisted-document refusals (Apollo's names where Apollo has one).</summary>
public static class PersistedDocumentCodes
{
    /// <summary>A hash-only request for a document this server does not know; Apollo's link then sends the text.</summary>
    public const string NotFound = "PERSISTED_QUERY_NOT_FOUND";

    /// <summary>Hash-only requests while automatic persisted queries are off; Apollo's link then stops sending hashes.</summary>
    public const string NotSupported = "PERSISTED_QUERY_NOT_SUPPORTED";

    public const string HashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";

    public const string UnsupportedVersion = "PERSISTED_QUERY_VERSION_NOT_SUPPORTED";

    public const string InvalidRequest = "INVALID_REQUEST";

    public const string DocumentNotFound = "PERSISTED_DOCUMENT_NOT_FOUND";

    /// <summary>The lockdown (<see cref="PersistedDocumentOptions.OnlyTrusted"/>) refused a document it was not given.</summary>
    public const string OnlyTrusted = "TRUSTED_DOCUMENT_REQUIRED";
}
