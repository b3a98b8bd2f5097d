using System.Threading.RateLimiting;
using Coco.Connectors.Server.Transport;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.RateLimits;

/// <summary>Wiring of the rate limits (<see cref="RateLimitOptions"/>) with ASP.NET Core's rate limiting middleware.</summary>
public static class RateLimitRegistration
{
    public static IServiceCollection AddConnectorRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => !o.Enabled || (o.PerToken.IsValid && o.PerAddress.IsValid),
                "RateLimits:PerToken and RateLimits:PerAddress need a positive PermitLimit, TokensPerPeriod and ReplenishmentPeriod.")
            .ValidateOnStart();
        services.AddSingleton<RateLimitRefusal>();
        services.AddSingleton(sp => ConnectorRateLimiter.Create(sp.GetRequiredService<IOptions<RateLimitOptions>>().Value));
        services.AddSingleton<OperationRateLimit>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, IHostEnvironment, RateLimitRefusal, PartitionedRateLimiter<RatePartition>>(
            (limiter, options, environment, refusal, buckets) =>
        {
            var limits = options.Value;
            limiter.GlobalLimiter = ConnectorRateLimiter.ForRequests(buckets, limits.ExemptLoopback ?? environment.IsDevelopment());
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = refusal.OnRejectedAsync;
        });
        return services;
    }

    /// <summary>
    /// After authentication (a token's bucket is found by the caller's name), before the streaming transports and the
    /// endpoints. Nothing is added when <c>RateLimits:Enabled</c> is false.
    /// </summary>
    public static IApplicationBuilder UseConnectorRateLimits(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
        {
            return app;
        }

        // A refused WebSocket upgrade is accepted to be closed with 4429, so the WebSocket feature must exist here;
        // the streaming transports' own UseWebSockets then finds it in place.
        app.UseWebSockets(GraphQLStreamingExtensions.WebSocketOptions);
        return app.UseRateLimiter();
    }
}
