namespace Coco.Connectors.Auth;

/// <summary>
/// One API token as stored: never the token itself, only its keyed hash (<see cref="Hash"/>). Revoked and expired
/// tokens stay as records, so that <c>tokens list</c> shows them and a name is not silently reused.
/// </summary>
public sealed class ApiToken
{
    public const int NameMaxLength = 64;

    public required string Name { get; set; }

    /// <summary>HMAC-SHA-256 of the token under the server's token key, lower-case hex.</summary>
    public required string Hash { get; set; }

    /// <summary>Coco permission names, comma-separated (see <see cref="Permissions"/>).</summary>
    public required string Permissions { get; set; }

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset? LastUsed { get; set; }

    public DateTimeOffset? Expires { get; set; }

    public DateTimeOffset? Revoked { get; set; }

    public bool IsActive(DateTimeOffset now) => Revoked is null && (Expires is null || Expires > now);
}
