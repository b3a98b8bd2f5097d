using System.Security.Cryptography;
using System.Text;

namespace Coco.Connectors.Server.Auth;

/// <summary>
/// Makes tokens and their keyed hashes. Tokens are 256 random bits, so a fast keyed hash is enough (no stretching):
/// the store then holds nothing a stolen copy could be used with, and no guessable input to brute-force.
/// </summary>
public sealed class TokenHasher(TokenKeySource keys)
{
    /// <summary>Every token starts with it, so leaked tokens are easy to spot (and to scan for).</summary>
    public const string Prefix = "coco_";

    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The token's hash as stored, lower-case hex.</summary>
    public string HashHex(string token) => Convert.ToHexStringLower(Hash(token));

    public byte[] Hash(string token)
    {
        var key = keys.Key ?? throw new InvalidOperationException(TokenKeySource.MissingKeyMessage);
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(token));
    }

    /// <summary>True when a key is available; without one no token can be checked.</summary>
    public bool CanHash => keys.Key is not null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
