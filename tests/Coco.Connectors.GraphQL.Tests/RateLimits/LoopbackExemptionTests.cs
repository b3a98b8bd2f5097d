using System.Net;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.RateLimits;

/// <summary><c>RateLimits:ExemptLoopback</c> (on by default in Development): this machine is not limited, others still are.</summary>
public sealed class LoopbackExemptionTests(LoopbackExemptServer server) : IClassFixture<LoopbackExemptServer>
{
    [Fact]
    public async Task Clients_on_this_machine_are_not_limited_but_a_request_relayed_by_a_local_proxy_is()
    {
        using var client = server.CreateAnonymousHttpClient();
        client.DefaultRequestHeaders.Add("X-API-TOKEN", RateLimitedServer.Token(0));
        for (var i = 0; i < RateLimitedServer.Burst * 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("/connector/github")).Status);
        }

        // A proxy on this machine relays someone else's requests: not exempt (CallerAccess.IsLocal).
        HttpStatusCode last = default;
        for (var i = 0; i <= RateLimitedServer.Burst; i++)
        {
            last = (await client.SendJsonAsync(HttpMethod.Get, "/connector/github", configure: r => r.Headers.Add("X-Forwarded-For", "198.51.100.9"))).Status;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }
}
