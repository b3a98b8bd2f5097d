using Coco.Connectors.Auth;
using Coco.Connectors.Server.Auth;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Auth;

/// <summary>
/// A server with one token per permission (from configuration, as a container would set them), an expired one, a
/// revoked one (from the store, as the tokens command makes them), an allowed CORS origin, and a short token refresh.
/// </summary>
public sealed class AuthServer : CocoServer
{
    public const string AllowedOrigin = "https://app.example";
    public const string Expired = "coco_expired-token";
    public const string Wrong = "coco_no-such-token";

    private string? _revoked;

    /// <summary>The token holding only <paramref name="permission"/>.</summary>
    public static string TokenFor(string permission) => "coco_only-" + permission.Replace('#', '-').Replace('/', '-');

    /// <summary>A token that was created, then revoked, in this server's store.</summary>
    public async Task<string> RevokedTokenAsync()
    {
        if (_revoked is null)
        {
            var store = Services.GetRequiredService<TokenStore>();
            var created = await store.CreateAsync("revoked-" + Guid.NewGuid().ToString("N")[..8], Permissions.Parse("*"), null, default);
            await store.RevokeAsync(created.Record.Name, default);
            await RefreshTokensAsync();
            _revoked = created.Token;
        }

        return _revoked;
    }

    /// <summary>Re-reads the tokens now instead of waiting for the next refresh.</summary>
    public Task RefreshTokensAsync() => Services.GetRequiredService<TokenDirectory>().RefreshAsync(default);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var permission in Permissions.Known)
        {
            var name = "only-" + Permissions.Known.ToList().IndexOf(permission);
            builder.UseSetting($"Auth:Tokens:{name}:Hash", HashOf(TokenFor(permission)));
            builder.UseSetting($"Auth:Tokens:{name}:Permissions", permission);
        }

        builder.UseSetting("Auth:Tokens:expired:Hash", HashOf(Expired));
        builder.UseSetting("Auth:Tokens:expired:Permissions", "*");
        builder.UseSetting("Auth:Tokens:expired:Expires", "2001-01-01T00:00:00Z");
        builder.UseSetting("Auth:RefreshInterval", "00:00:00.200");
        builder.UseSetting("Cors:Origins:0", AllowedOrigin);
    }
}
