using Coco.Connectors.Auth;
using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Server.Auth;

/// <summary>The stored tokens: create (returning the token once), list, revoke, and the last-used stamps.</summary>
public sealed class TokenStore(IDbContextFactory<CocoDbContext> dbFactory, TokenHasher hasher, TimeProvider clock)
{
    public sealed record Created(string Token, ApiToken Record);

    /// <summary>Creates a token; throws <see cref="ArgumentException"/> for a bad name or a name already in use.</summary>
    public async Task<Created> CreateAsync(string name, IReadOnlySet<string> permissions, TimeSpan? lifetime, CancellationToken ct)
    {
        if (name.Length is 0 or > ApiToken.NameMaxLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new ArgumentException($"A token name is 1 to {ApiToken.NameMaxLength} letters, digits, '_', '-' or '.'.");
        }

        if (name.ToLowerInvariant() is "local" or "anonymous" or "system")
        {
            // The audit log's names for callers without a token and for the server itself.
            throw new ArgumentException($"'{name}' is reserved (the audit log uses it for callers without a token); choose another name.");
        }

        if (permissions.Count == 0)
        {
            throw new ArgumentException($"Give the token at least one permission: {string.Join(", ", Permissions.Known)}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ApiTokens.AnyAsync(t => t.Name == name, ct))
        {
            throw new ArgumentException($"A token named '{name}' exists already (revoked tokens keep their name); choose another name.");
        }

        var token = TokenHasher.NewToken();
        var now = clock.GetUtcNow();
        var record = new ApiToken
        {
            Name = name,
            Hash = hasher.HashHex(token),
            Permissions = Permissions.Format(permissions),
            Created = now,
            Expires = lifetime is { } span ? now + span : null,
        };
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync(ct);
        return new Created(token, record);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tokens = await db.ApiTokens.AsNoTracking().ToListAsync(ct);
        return [.. tokens.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>Revokes the token; false when there is no token of that name.</summary>
    public async Task<bool> RevokeAsync(string name, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Name == name, ct);
        if (token is null)
        {
            return false;
        }

        token.Revoked ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task RecordUseAsync(IReadOnlyDictionary<string, DateTimeOffset> lastUsed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var (name, at) in lastUsed)
        {
            await db.ApiTokens.Where(t => t.Name == name).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsed, at), ct);
        }
    }
}
