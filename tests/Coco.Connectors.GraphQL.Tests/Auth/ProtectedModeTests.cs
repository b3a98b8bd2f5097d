using System.Net;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Auth;

/// <summary>
/// Protected mode: with no token, this machine is served without one (the README's curl examples work as written)
/// and every other machine is refused with a reason, unless <c>Auth:AllowAnonymous=true</c>; both are said at startup.
/// </summary>
public sealed class ProtectedModeTests(ProtectedModeCocoServer local, RemoteClientServer remote, AnonymousRemoteServer open)
    : IClassFixture<ProtectedModeCocoServer>, IClassFixture<RemoteClientServer>, IClassFixture<AnonymousRemoteServer>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coco-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Loopback_clients_need_no_token_while_none_exists()
    {
        using var client = local.CreateAnonymousHttpClient();
        var created = await client.SendJsonAsync(HttpMethod.Post, "/connector/", """{"name":"from the readme"}""");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"/connector/{created.Object["_id"]}")).Status);
        var graphQL = await client.SendJsonAsync(HttpMethod.Post, "/graphql", """{"query":"{ connectors(first: 1) { totalCount } }"}""");
        Assert.NotNull(graphQL.Object["data"]!["connectors"]);
    }

    [Fact]
    public async Task A_token_sent_in_protected_mode_is_still_checked()
    {
        using var client = local.CreateAnonymousHttpClient();
        var response = await client.SendJsonAsync(HttpMethod.Get, "/connector/github", configure: r => r.Headers.Add("X-API-TOKEN", "coco_made-up"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Forwarded", "for=203.0.113.9")]
    [InlineData("X-Real-IP", "203.0.113.9")]
    public async Task A_request_relayed_by_a_proxy_on_this_machine_is_not_a_local_client(string header, string value)
    {
        using var client = local.CreateAnonymousHttpClient();
        var created = await client.SendJsonAsync(HttpMethod.Post, "/connector/", """{"name":"from the internet"}""",
            r => r.Headers.Add(header, value));
        Assert.Equal(HttpStatusCode.Forbidden, created.Status);
        Assert.Equal("protected_mode", (string?)created.Object["error"]!["type"]);
        var search = await client.SendJsonAsync(HttpMethod.Get, "/connector/_search?query=internet");
        Assert.Equal(0, (int)search.Object["hits"]!["total"]!["value"]!);
    }

    [Theory]
    [InlineData("GET", "/connector/github")]
    [InlineData("GET", "/connector/_search")]
    [InlineData("POST", "/graphql")]
    public async Task Other_machines_are_refused_with_the_reason_and_the_way_out(string method, string path)
    {
        using var client = remote.CreateAnonymousHttpClient();
        var response = await client.SendJsonAsync(new HttpMethod(method), path, method == "POST" ? """{"query":"{ __typename }"}""" : null);
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("protected_mode", (string?)response.Object["error"]!["type"]);
        Assert.Contains("tokens create", (string?)response.Object["error"]!["reason"], StringComparison.Ordinal);
        Assert.Contains("Auth:AllowAnonymous", (string?)response.Object["error"]!["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowAnonymous_serves_other_machines_without_a_token()
    {
        using var client = open.CreateAnonymousHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("/connector/github")).Status);
    }

    [Fact]
    public async Task Startup_says_which_mode_the_server_is_in()
    {
        Directory.CreateDirectory(_folder);
        await using (var server = await ServerProcess.StartAsync(_folder))
        {
            var log = await server.StopAsync();
            Assert.Contains("protected mode", log, StringComparison.Ordinal);
        }

        await using var anonymous = await ServerProcess.StartAsync(_folder, new Dictionary<string, string> { ["Auth__AllowAnonymous"] = "true" });
        var warned = await anonymous.StopAsync();
        Assert.Contains("warn", warned, StringComparison.Ordinal);
        Assert.Contains("Auth:AllowAnonymous=true", warned, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
