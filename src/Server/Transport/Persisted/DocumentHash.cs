using System.Security.Cryptography;
using System.Text;

namespace Coco.Connectors.Server.Transport.Persisted;

/// <summary>The SHA-256 of a document's UTF-8 text as lowercase hex, as Apollo's persisted queries and the GraphQL-over-HTTP draft use it.</summary>
public static class DocumentHash
{
    public const string Prefix = "sha256:";

    public static string Sha256Hex(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    public static bool IsSha256Hex(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);

    /// <summary>A lookup key: <c>sha256:</c> dropped and hex lowercased; any other id as given.</summary>
    public static string Normalize(string id)
    {
        var bare = id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? id[Prefix.Length..] : id;
        return IsSha256Hex(bare) ? bare.ToLowerInvariant() : bare;
    }
}
