using System.Globalization;
using GraphQL.Transport;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.Persisted;

/// <summary>
/// Finds the document a request means, for every transport: its <c>query</c> text, a trusted document by
/// <c>documentId</c>, or a document by the hash in Apollo's <c>extensions.persistedQuery</c> (automatic persisted
/// queries as Apollo and HotChocolate define them: a hash-only miss answers <c>PersistedQueryNotFound</c>, the retry
/// carrying the text registers it once its hash is verified). With <see cref="PersistedDocumentOptions.OnlyTrusted"/>
/// only trusted documents run.
/// </summary>
public sealed class PersistedDocumentResolver(
    TrustedDocumentStore trusted,
    AutomaticPersistedQueryCache automatic,
    IOptions<PersistedDocumentOptions> options)
{
    public const string PersistedQueryExtension = "persistedQuery";

    public PersistedDocumentResolution Resolve(GraphQLRequest request)
    {
        var settings = options.Value;
        if (request.DocumentId is { Length: > 0 } documentId)
        {
            return trusted.Find(documentId) is { } document
                ? PersistedDocumentResolution.Run(document)
                : PersistedDocumentResolution.Refuse(PersistedDocumentCodes.DocumentNotFound,
                    $"No trusted document has the id '{Shorten(documentId)}'.");
        }

        if (request.Extensions is { } extensions && extensions.TryGetValue(PersistedQueryExtension, out var persisted) && persisted is not null)
        {
            return ResolveAutomatic(request.Query, persisted, settings);
        }

        if (settings.OnlyTrusted && request.Query is { } text && !trusted.IsTrusted(text))
        {
            return PersistedDocumentResolution.Refuse(PersistedDocumentCodes.OnlyTrusted,
                "This server runs only its trusted documents; send a trusted document's documentId (or its exact text).");
        }

        return PersistedDocumentResolution.Run(request.Query);
    }

    /// <summary>Whether <paramref name="request"/> names its document some other way than by its text.</summary>
    public static bool NamesDocument(GraphQLRequest request) =>
        request.DocumentId is { Length: > 0 }
        || (request.Extensions is { } extensions && extensions.TryGetValue(PersistedQueryExtension, out var persisted) && persisted is not null);

    private PersistedDocumentResolution ResolveAutomatic(string? query, object persisted, PersistedDocumentOptions settings)
    {
        if (persisted is not IDictionary<string, object?> fields
            || !fields.TryGetValue("sha256Hash", out var hashValue) || hashValue is not string hash || !DocumentHash.IsSha256Hex(hash))
        {
            return PersistedDocumentResolution.Refuse(PersistedDocumentCodes.InvalidRequest,
                "extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<64 hex digits>\"}.");
        }

        if (fields.TryGetValue("version", out var version) && Convert.ToString(version, CultureInfo.InvariantCulture) != "1")
        {
            return PersistedDocumentResolution.Refuse(PersistedDocumentCodes.UnsupportedVersion,
                "Only version 1 of persisted queries is supported.");
        }

        hash = hash.ToLowerInvariant();
        if (query is null)
        {
            if (trusted.Find(hash) is { } document)
            {
                return PersistedDocumentResolution.Run(document);
            }

            if (!settings.AutomaticEnabled && !settings.OnlyTrusted)
            {
                return PersistedDocumentResolution.Refuse(PersistedDocumentCodes.NotSupported, "PersistedQueryNotSupported");
            }

            return !settings.OnlyTrusted && automatic.Find(hash) is { } registered
                ? PersistedDocumentResolution.Run(registered)
                : PersistedDocumentResolution.Refuse(PersistedDocumentCodes.NotFound, "PersistedQueryNotFound");
        }

        if (DocumentHash.Sha256Hex(query) != hash)
        {
            return PersistedDocumentResolution.Refuse(PersistedDocumentCodes.HashMismatch,
                "The persisted query's sha256Hash is not the SHA-256 of the query text.");
        }

        if (settings.OnlyTrusted)
        {
            return trusted.IsTrusted(query)
                ? PersistedDocumentResolution.Run(query)
                : PersistedDocumentResolution.Refuse(PersistedDocumentCodes.OnlyTrusted,
                    "This server runs only its trusted documents; it does not register new ones.");
        }

        return PersistedDocumentResolution.Run(query, settings.AutomaticEnabled ? hash : null);
    }

    private static string Shorten(string id) => id.Length <= 80 ? id : id[..80] + "…";
}
