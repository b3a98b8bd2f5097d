using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coco.Connectors.Server.Playground;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Playground;

/// <summary>The playground's pages and files over plain HTTP: what browsers get, and that API clients are unaffected.</summary>
public sealed partial class PlaygroundHttpTests(CocoServer server) : IClassFixture<CocoServer>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [SkippableTheory]
    [InlineData("graphql", BrowserAccept)]
    [InlineData("graphql/ui", BrowserAccept)]
    [InlineData("graphql/ui", "*/*")]
    public async Task The_IDE_page_allows_only_this_origin_and_links_files_that_exist(string path, string accept)
    {
        PlaygroundBundle.Require(server);
        using var http = server.CreateHttpClient();
        using var response = await GetAsync(http, path, accept);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' ws://{server.BaseAddress.Authority} wss://{server.BaseAddress.Authority};", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal); // no inline script: the CSP would block it

        var files = AssetReference().Matches(html).Select(m => m.Groups["file"].Value).ToList();
        Assert.Equal(2, files.Count); // the module script and the stylesheet
        foreach (var file in files)
        {
            using var asset = await GetAsync(http, $"graphql/ui/assets/{file}", "*/*");
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        }
    }

    [Fact]
    public async Task API_clients_at_the_endpoint_still_get_GraphQL_over_HTTP()
    {
        using var http = server.CreateHttpClient();
        using var response = await GetAsync(http, "graphql", "application/json");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(body["errors"]);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [SkippableTheory]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("identity", null)]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData(null, null)]
    public async Task Files_are_sent_precompressed_as_the_client_accepts_and_cached_for_good(string? acceptEncoding, string? expected)
    {
        PlaygroundBundle.Require(server);
        var script = server.Services.GetRequiredService<PlaygroundAssets>().Script!;
        using var http = server.CreateHttpClient(); // no automatic decompression: the bytes as sent
        using var request = new HttpRequestMessage(HttpMethod.Get, $"graphql/ui/assets/{script}");
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await http.SendAsync(request);
        var sent = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Equal(sent.Length, response.Content.Headers.ContentLength);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));

        using var identity = await GetAsync(http, $"graphql/ui/assets/{script}", "*/*");
        Assert.Equal(await identity.Content.ReadAsByteArrayAsync(), Decode(sent, expected));
    }

    [SkippableFact]
    public async Task HEAD_gives_the_length_without_the_body_and_an_unknown_file_is_404_json()
    {
        PlaygroundBundle.Require(server);
        var style = server.Services.GetRequiredService<PlaygroundAssets>().Style!;
        using var http = server.CreateHttpClient();

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"graphql/ui/assets/{style}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(head.Content.Headers.ContentLength > 0);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        using var missing = await GetAsync(http, "graphql/ui/assets/graphiql-NOPE.js", "*/*");
        var body = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(404, (int?)body["status"]);
        Assert.Equal("not_found", (string?)body["error"]?["type"]);
    }

    [Fact]
    public async Task The_root_is_a_landing_page_for_browsers_and_a_404_json_for_API_clients()
    {
        using var http = server.CreateHttpClient();

        using var page = await GetAsync(http, "", BrowserAccept);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none';", Header(page, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.DoesNotContain("'self'", Header(page, "Content-Security-Policy"), StringComparison.Ordinal); // it loads nothing
        foreach (var link in new[] { "href=\"/graphql\"", "href=\"/graphql?sdl\"", "download=\"schema.graphql\"", "href=\"/connector/_search\"", "href=\"/healthz\"" })
        {
            Assert.Contains(link, html, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"/openapi/v1.json\"", html, StringComparison.Ordinal); // served by RestOpenApi

        using var api = await GetAsync(http, "", "application/json");
        var body = JsonNode.Parse(await api.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not_found", (string?)body["error"]?["type"]);
        Assert.Contains("/graphql", (string?)body["error"]?["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_bundle_the_page_says_how_to_get_the_playground_and_the_API_still_works()
    {
        using var unbuilt = new UnbuiltPlaygroundServer();
        using var http = unbuilt.CreateHttpClient();

        using var page = await GetAsync(http, "graphql", BrowserAccept);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("not part of this build", html, StringComparison.Ordinal);
        Assert.Contains("Node.js", html, StringComparison.Ordinal);
        Assert.Contains("dotnet build", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/graphql?sdl\"", html, StringComparison.Ordinal);

        using var query = await http.PostAsync("graphql", new StringContent("{\"query\":\"{ connectorById(id: \\\"github\\\") { name } }\"}",
            MediaTypeHeaderValue.Parse("application/json")));
        Assert.Contains("GitHub Connector", await query.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turned_off_the_endpoint_only_points_to_the_SDL_and_serves_no_files()
    {
        using var off = new PlaygroundOffServer();
        using var http = off.CreateHttpClient();
        var script = off.Services.GetRequiredService<PlaygroundAssets>().Script ?? "graphiql.js";

        using var page = await GetAsync(http, "graphql", BrowserAccept);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("turned off", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);

        using var asset = await GetAsync(http, $"graphql/ui/assets/{script}", "*/*");
        Assert.Equal(HttpStatusCode.NotFound, asset.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await http.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    private static byte[] Decode(byte[] bytes, string? coding)
    {
        if (coding is null)
        {
            return bytes;
        }

        using var input = new MemoryStream(bytes);
        using Stream decoder = coding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex("""(?:src|href)="/graphql/ui/assets/(?<file>[^"]+)""")]
    private static partial Regex AssetReference();

    /// <summary>The server as built without Node.js: no bundle in the assembly.</summary>
    private sealed class UnbuiltPlaygroundServer : CocoServer
    {
        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.AddSingleton(new PlaygroundAssets(typeof(PlaygroundHttpTests).Assembly));
    }

    private sealed class PlaygroundOffServer : CocoServer
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Playground:Enabled", "false");
        }
    }
}
