using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.RateLimits;

/// <summary>
/// The real server with rate limits on for this machine too, and buckets of <see cref="Burst"/> requests that refill
/// only after an hour, so a test spends a bucket deterministically. Each test uses its own tokens
/// (<see cref="Token"/>) or client addresses, so the tests of a class do not share a bucket.
/// </summary>
public class RateLimitedServer : CocoServer
{
    public const int Burst = 3;
    public const int Tokens = 16;
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>One of the server's tokens (every permission), each with its own bucket.</summary>
    public static string Token(int n) => $"coco_rate-limited-token-{n}";

    protected virtual bool ExemptLoopback => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:Enabled", "true");
        builder.UseSetting("RateLimits:ExemptLoopback", ExemptLoopback ? "true" : "false");
        foreach (var bucket in new[] { "PerToken", "PerAddress" })
        {
            builder.UseSetting($"RateLimits:{bucket}:PermitLimit", $"{Burst}");
            builder.UseSetting($"RateLimits:{bucket}:TokensPerPeriod", "1");
            builder.UseSetting($"RateLimits:{bucket}:ReplenishmentPeriod", Period.ToString());
        }

        for (var n = 0; n < Tokens; n++)
        {
            builder.UseSetting($"Auth:Tokens:rate-{n}:Hash", HashOf(Token(n)));
            builder.UseSetting($"Auth:Tokens:rate-{n}:Permissions", "*");
        }
    }
}
