using System.Net;
using System.Net.Http.Json;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Rest;

/// <summary>
/// REST <c>_search</c> answers within the response ceiling GraphQL has (<c>GraphQL:Limits:MaxResponseBytes</c>): a page
/// of large connectors that would exceed it is refused with a reason that says how to ask for less.
/// </summary>
public sealed class RestResponseCeilingTests(RestResponseCeilingTests.SmallCeiling server) : IClassFixture<RestResponseCeilingTests.SmallCeiling>, IAsyncLifetime
{
    public sealed class SmallCeiling : CocoServer
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("GraphQL:Limits:MaxResponseBytes", "150000");
        }
    }

    private readonly HttpClient _http = server.CreateHttpClient();

    public async Task InitializeAsync()
    {
        var existing = await _http.GetJsonAsync("/connector/_search?query=ceiling&size=0");
        for (var i = (int)existing.Object["hits"]!["total"]!["value"]!; i < 2; i++)
        {
            var config = Enumerable.Range(0, 20).ToDictionary(k => $"blob_{k:00}", _ => new string('x', 5_000));
            using var created = await _http.PostAsJsonAsync("connector/", new { name = $"ceiling {i}", config });
            created.EnsureSuccessStatusCode();
        }
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_page_larger_than_the_ceiling_is_refused_with_the_way_to_ask_for_less()
    {
        var refused = await _http.GetJsonAsync("/connector/_search?query=ceiling&size=10");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("response_too_large", (string?)refused.Object["error"]!["type"]);
        Assert.Contains("_source_excludes=config", (string?)refused.Object["error"]!["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smaller_pages_or_pages_without_config_are_served()
    {
        var one = await _http.GetJsonAsync("/connector/_search?query=ceiling&size=1");
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Single(one.Object["hits"]!["hits"]!.AsArray());

        var lean = await _http.GetJsonAsync("/connector/_search?query=ceiling&size=10&_source_excludes=config");
        Assert.Equal(HttpStatusCode.OK, lean.Status);
        Assert.Equal(2, lean.Object["hits"]!["hits"]!.AsArray().Count);
        Assert.Equal("application/json; charset=utf-8", lean.Raw.Content.Headers.ContentType?.ToString());
    }
}
