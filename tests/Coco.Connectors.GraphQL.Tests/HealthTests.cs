using System.Net;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests;

public sealed class HealthTests(CocoServer server) : IClassFixture<CocoServer>
{
    [Fact]
    public async Task Healthz_answers_ok_when_the_store_is_reachable()
    {
        using var client = server.CreateHttpClient();
        var response = await client.GetAsync(new Uri("healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ok", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
