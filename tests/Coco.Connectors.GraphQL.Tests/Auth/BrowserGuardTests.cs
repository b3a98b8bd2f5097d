using System.Net;
using System.Net.Http.Headers;
using System.Text;

using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Auth;

/// <summary>Cross-site requests: JSON bodies only, CORS by configuration, and the DNS-rebinding Host check.</summary>
public sealed class BrowserGuardTests(AuthServer server) : IClassFixture<AuthServer>
{
    public static TheoryData<string, string, string> SimpleRequestBodies => new()
    {
        { "/connector/", "text/plain", """{"name":"csrf"}""" },
        { "/connector/", "application/x-www-form-urlencoded", "name=csrf" },
        { "/connector/", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\ncsrf\r\n--x--\r\n" },
        { "/connector/github", "text/plain", """{"description":"csrf"}""" },
        { "/connector/_search", "text/plain", """{"query":"csrf"}""" },
        { "/graphql", "text/plain", """{"query":"mutation { createConnector(input: { name: \"csrf\" }) { connector { id } } }"}""" },
    };

    [Theory]
    [MemberData(nameof(SimpleRequestBodies))]
    public async Task Bodies_a_foreign_page_can_send_without_preflight_are_415_and_store_nothing(string path, string contentType, string body)
    {
        using var client = server.CreateHttpClient();
        var before = await server.SnapshotAsync();
        var request = new HttpRequestMessage(path == "/connector/github" ? HttpMethod.Put : HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await HttpJson.ReadAsync(await client.SendAsync(request));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Contains("application/json", response.Text, StringComparison.Ordinal);
        Assert.Equal(before, await server.SnapshotAsync());
    }

    [Fact]
    public async Task A_plus_json_body_is_accepted()
    {
        using var client = server.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/connector/") { Content = new StringContent("""{"name":"vendor json"}""", Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.coco+json");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("/graphql", "POST", "content-type,authorization,x-api-token,apollo-require-preflight")]
    [InlineData("/connector/github", "PUT", "content-type,x-api-token,if-match")]
    [InlineData("/connector/_search", "POST", "content-type,authorization")]
    public async Task Preflight_from_an_allowed_origin_is_answered_and_from_others_not(string path, string method, string headers)
    {
        using var client = server.CreateAnonymousHttpClient();
        foreach (var (origin, allowed) in new[] { (AuthServer.AllowedOrigin, true), ("https://evil.example", false) })
        {
            var request = new HttpRequestMessage(HttpMethod.Options, path);
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", method);
            request.Headers.Add("Access-Control-Request-Headers", headers);
            using var response = await client.SendAsync(request);

            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
            if (allowed)
            {
                Assert.Equal(origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
                var allowedHeaders = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
                Assert.All(headers.Split(','), h => Assert.Contains(h, allowedHeaders, StringComparison.Ordinal));
            }
            else
            {
                Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
            }
        }
    }

    [Fact]
    public async Task Actual_requests_get_the_allow_origin_header_only_for_allowed_origins()
    {
        using var client = server.CreateHttpClient();
        foreach (var (origin, allowed) in new[] { (AuthServer.AllowedOrigin, true), ("https://evil.example", false) })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/connector/github");
            request.Headers.Add("Origin", origin);
            using var response = await client.SendAsync(request);
            Assert.Equal(allowed, response.Headers.Contains("Access-Control-Allow-Origin"));
            if (allowed)
            {
                Assert.Contains("ETag", string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("rebound.attacker.test:9000")]
    public async Task A_rebinding_Host_gets_400(string host)
    {
        using var client = server.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/connector/github");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task The_bound_names_are_accepted_as_Host(string host)
    {
        using var client = server.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/connector/github");
        request.Headers.Host = $"{host}:{server.BaseAddress.Port}";
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
