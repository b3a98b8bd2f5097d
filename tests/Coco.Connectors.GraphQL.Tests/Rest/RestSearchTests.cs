using System.Net;
using System.Text.Json.Nodes;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Rest;

/// <summary><c>_search</c>: query, filter syntax, sort, paging, source filtering, aggregation and masking.</summary>
public sealed class RestSearchTests : IClassFixture<RestSearchTests.Dataset>
{
    private readonly HttpClient _client;

    public RestSearchTests(Dataset data) => _client = data.CreateHttpClient();

    /// <summary>A server with five connectors tagged "rs" besides the 26 built-ins.</summary>
    public sealed class Dataset : CocoServer
    {
        public Dataset()
        {
            using var client = CreateHttpClient();
            foreach (var body in new[]
            {
                """{"id":"rs_alpha","name":"Alpha GitHub","category":"version_control","tags":["rs","git"],"enabled":true,"config":{"token":"secret-alpha-1"}}""",
                """{"id":"rs_beta","name":"Beta docs","description":"Über wiki","category":"website","tags":["rs","wiki"],"enabled":false,"processor":{"enabled":true,"name":"confluence"}}""",
                """{"id":"rs_gamma","name":"Gamma DB","category":"database","tags":["rs"],"enabled":true,"config":{"connection_uri":"postgres://u:pw-gamma@h/db"}}""",
                """{"id":"rs_delta","name":"Delta","tags":["rs","git"],"enabled":true}""",
                """{"id":"rs_eps","name":"Epsilon GitLab","category":"version_control","tags":["rs"],"enabled":true,"config":{"nested":{"client_secret":"cs-eps"}}}""",
            })
            {
                var response = client.SendJsonAsync(HttpMethod.Post, "connector/", body).GetAwaiter().GetResult();
                if (response.Status != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException(response.Text);
                }
            }
        }
    }

    private async Task<JsonResponse> SearchAsync(string parameters)
    {
        var response = await _client.GetJsonAsync($"connector/_search?{parameters}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response;
    }

    private static List<string> Ids(JsonResponse response) =>
        [.. response.Object["hits"]!["hits"]!.AsArray().Select(h => (string)h!["_id"]!)];

    private static int Total(JsonResponse response) => (int)response.Object["hits"]!["total"]!["value"]!;

    [Fact]
    public async Task Plain_search_returns_the_coco_shape_newest_first_ten_at_a_time()
    {
        var response = await SearchAsync("");
        Assert.Equal(31, Total(response));
        Assert.Equal("eq", (string?)response.Object["hits"]!["total"]!["relation"]);
        Assert.Equal(10, Ids(response).Count);
        Assert.Equal("rs_eps", Ids(response)[0]);
        var hit = response.Object["hits"]!["hits"]![0]!;
        Assert.Equal("connector", (string?)hit["_index"]);
        Assert.Equal("rs_eps", (string?)hit["_source"]!["id"]);
        Assert.False((bool)response.Object["timed_out"]!);
        Assert.NotNull(response.Object["took"]);
    }

    [Fact]
    public async Task Query_is_case_insensitive_over_name_description_category_and_tags()
    {
        Assert.Equal(["rs_alpha"], Ids(await SearchAsync("query=GITHUB&filter=tags:rs")));
        Assert.Equal(["rs_beta"], Ids(await SearchAsync("query=%C3%BCBER&filter=tags:rs")));
        Assert.Equal(["rs_gamma"], Ids(await SearchAsync("query=database&filter=tags:rs")));
        Assert.Equal(["rs_eps", "rs_alpha"], Ids(await SearchAsync("query=category:VERSION_control&filter=tags:rs")));
        Assert.Equal(["rs_eps", "rs_delta", "rs_alpha"], Ids(await SearchAsync("query=git&filter=tags:rs")));
    }

    [Fact]
    public async Task Filters_follow_the_coco_mini_syntax()
    {
        Assert.Equal(["rs_beta"], Ids(await SearchAsync("filter=tags:rs&filter=enabled:false")));
        Assert.Equal(["rs_eps", "rs_delta", "rs_gamma", "rs_alpha"], Ids(await SearchAsync("filter=tags:rs&filter=-enabled:false")));
        Assert.Equal(["rs_eps", "rs_delta", "rs_gamma", "rs_alpha"], Ids(await SearchAsync("filter=tags:rs&filter=!enabled=false")));
        Assert.Equal(["rs_delta"], Ids(await SearchAsync("filter=tags:rs&filter=-exists(category)")));
        Assert.Equal(["rs_gamma", "rs_alpha"], Ids(await SearchAsync("filter=id:any(rs_alpha,rs_gamma)")));
        Assert.Equal(["rs_gamma", "rs_alpha"], Ids(await SearchAsync("filter=id:rs_alpha&filter=id:rs_gamma")));
        Assert.Equal(["rs_beta"], Ids(await SearchAsync("filter=tags:rs&filter=processor.name:confluence")));
        Assert.Equal(["rs_delta", "rs_alpha"], Ids(await SearchAsync("filter=tags:rs&filter=tags:any(git)&filter=-tags:wiki")));
        Assert.Equal(6, Total(await SearchAsync("filter=tags:wiki&filter=tags:rs&filter=id:any(rs_alpha,rs_beta,rs_delta,rs_eps,rs_gamma,github,confluence)")));
        Assert.Equal(["rs_eps", "rs_delta", "rs_gamma"], Ids(await SearchAsync("filter=tags:rs&filter=name>=Delta&filter=name<Gz")));
        Assert.Equal(5, Total(await SearchAsync("filter=tags:rs&filter=created>=2020-01-01T00:00:00Z")));
        Assert.Equal(0, Total(await SearchAsync("filter=tags:rs&filter=created<2020-01-01")));
        Assert.Equal(26, Total(await SearchAsync("filter=builtin:true")));
    }

    [Theory]
    [InlineData("name>=", false)]
    [InlineData("name>", false)]
    [InlineData("name<=", false)]
    [InlineData("name<", false)]
    [InlineData("name:", false)]
    [InlineData("name=", false)]
    [InlineData("-name:", false)]
    [InlineData("!category=", true)]
    [InlineData("tags:", true)]
    [InlineData("version>=", false)]
    [InlineData("created<", false)]
    [InlineData("enabled:", false)]
    [InlineData("name:any()", false)]
    [InlineData("tags:any(rs,)", true)]
    [InlineData("id:any(rs_alpha,%20,rs_beta)", false)]
    public async Task An_empty_filter_value_is_a_400_for_every_operator(string filter, bool mayBeAbsent)
    {
        var response = await _client.GetJsonAsync($"connector/_search?filter=tags:rs&filter={filter}");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("bad_request", (string?)response.Object["error"]!["type"]);
        var reason = (string?)response.Object["error"]!["reason"];
        Assert.Contains($"filter '{Uri.UnescapeDataString(filter)}' has an empty value; give one", reason, StringComparison.Ordinal);
        Assert.Equal(mayBeAbsent, reason!.Contains("or test presence with exists(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sort_from_and_size_page_through_a_total_order()
    {
        Assert.Equal(["rs_alpha", "rs_beta", "rs_delta", "rs_eps", "rs_gamma"], Ids(await SearchAsync("filter=tags:rs&sort=name:asc")));
        Assert.Equal(["rs_gamma", "rs_eps"], Ids(await SearchAsync("filter=tags:rs&sort=name:desc&size=2")));
        Assert.Equal(["rs_delta", "rs_beta"], Ids(await SearchAsync("filter=tags:rs&sort=name:desc&size=2&from=2")));
        // Connectors without a category come first when ascending, on every store.
        Assert.Equal(["rs_delta", "rs_gamma", "rs_eps", "rs_alpha", "rs_beta"],
            Ids(await SearchAsync("filter=tags:rs&sort=category:asc,name:desc")));
        Assert.Empty(Ids(await SearchAsync("filter=tags:rs&size=0")));
        Assert.Equal(5, Total(await SearchAsync("filter=tags:rs&size=0")));
    }

    [Fact]
    public async Task Source_includes_and_excludes_shape_each_hit()
    {
        var source = (await SearchAsync("filter=id:rs_alpha&_source_includes=name,processor.enabled"))
            .Object["hits"]!["hits"]![0]!["_source"]!.AsObject();
        Assert.Equal(["name", "processor", "id"], source.Select(p => p.Key).ToList());
        Assert.Equal(["enabled"], source["processor"]!.AsObject().Select(p => p.Key).ToList());

        var excluded = (await SearchAsync("filter=id:rs_alpha&_source_excludes=config,assets"))
            .Object["hits"]!["hits"]![0]!["_source"]!.AsObject();
        Assert.Null(excluded["config"]);
        Assert.Null(excluded["assets"]);
        Assert.NotNull(excluded["name"]);
    }

    [Fact]
    public async Task Secrets_are_masked_in_every_hit_and_cannot_be_searched_filtered_or_sorted()
    {
        var all = await SearchAsync("filter=tags:rs&size=100");
        foreach (var secret in new[] { "secret-alpha-1", "pw-gamma", "cs-eps" })
        {
            Assert.DoesNotContain(secret, all.Text, StringComparison.Ordinal);
        }

        var hit = all.Object["hits"]!["hits"]!.AsArray().Single(h => (string?)h!["_id"] == "rs_eps")!;
        Assert.Equal("******", (string?)hit["_source"]!["config"]!["nested"]!["client_secret"]);

        Assert.Equal(0, Total(await SearchAsync("query=secret-alpha")));
        foreach (var (oracle, reason) in new[]
        {
            ("filter=config.token:secret-alpha-1", "config cannot be filtered on, it may hold secrets"),
            ("sort=config.token:asc", "config cannot be sorted on, it may hold secrets"),
            ("query=config.token:secret", "config cannot be searched: it may hold secrets"),
        })
        {
            var refused = await _client.GetJsonAsync($"connector/_search?{oracle}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains(reason, (string?)refused.Object["error"]!["reason"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Post_body_carries_the_same_parameters_and_the_category_aggregation()
    {
        var response = await _client.SendJsonAsync(HttpMethod.Post, "connector/_search", """
            {"filter": ["tags:rs"], "sort": [{"name": "desc"}], "size": 2,
             "aggs": {"categories": {"terms": {"field": "category", "size": 100}}}}
            """);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["rs_gamma", "rs_eps"], Ids(response));
        var buckets = response.Object["aggregations"]!["categories"]!["buckets"]!.AsArray();
        Assert.Equal("version_control", (string?)buckets[0]!["key"]);
        Assert.Equal(2, (int?)buckets[0]!["doc_count"]);
        Assert.Equal(3, buckets.Count);

        var ui = await _client.SendJsonAsync(HttpMethod.Post, "connector/_search",
            """{"size":0,"aggs":{"categories":{"terms":{"field":"category","size":100}}}}""");
        Assert.Empty(Ids(ui));
        Assert.Contains(ui.Object["aggregations"]!["categories"]!["buckets"]!.AsArray(),
            b => (string?)b!["key"] == "cloud_storage" && (int?)b["doc_count"] >= 5);

        // Several aggregations are answered from one count, each keeping its own number of buckets.
        var two = await _client.SendJsonAsync(HttpMethod.Post, "connector/_search", """
            {"filter": ["tags:rs"], "size": 0,
             "aggs": {"top": {"terms": {"field": "category", "size": 1}}, "all": {"terms": {"field": "category", "size": 100}}}}
            """);
        var top = two.Object["aggregations"]!["top"]!["buckets"]!.AsArray();
        var all = two.Object["aggregations"]!["all"]!["buckets"]!.AsArray();
        Assert.Equal((1, 3), (top.Count, all.Count));
        Assert.Equal(all[0]!.ToJsonString(), top[0]!.ToJsonString());

        var urlWins = await _client.SendJsonAsync(HttpMethod.Post, "connector/_search?size=1", """{"filter":"tags:rs","size":3}""");
        Assert.Single(Ids(urlWins));
    }
}
