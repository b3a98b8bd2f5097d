using System.Net;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Audit;

/// <summary>In protected mode (no token yet) a write from this machine is recorded as made by <c>local</c>.</summary>
public sealed class LocalCallerAuditTests(ProtectedModeCocoServer server) : IClassFixture<ProtectedModeCocoServer>
{
    [Fact]
    public async Task A_write_without_a_token_on_this_machine_is_recorded_as_local()
    {
        using var client = server.CreateAnonymousHttpClient();
        var created = await client.SendJsonAsync(HttpMethod.Post, "/connector/", """{"name":"made locally"}""");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = (string)created.Object["_id"]!;

        var log = await client.GetJsonAsync($"/connector/_audit?connector_id={id}");
        Assert.Equal(HttpStatusCode.OK, log.Status);
        var entry = Assert.Single(log.Object["entries"]!.AsArray())!;
        Assert.Equal("local", (string?)entry["caller"]);
        Assert.Equal("created", (string?)entry["kind"]);
    }
}
