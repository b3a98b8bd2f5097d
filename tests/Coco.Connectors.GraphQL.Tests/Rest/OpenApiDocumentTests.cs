using System.Net;
using System.Text.Json;
using Coco.Connectors.Tests.Auth;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Coco.Connectors.Tests.Rest;

/// <summary>
/// <c>/openapi/v1.json</c>: a valid OpenAPI document (read back and validated by Microsoft.OpenApi) that describes every
/// REST route the app serves — the routes are enumerated from the app's own endpoints, so a new one without
/// documentation fails here — with Coco's bodies, its error envelope and the <c>_search</c> parameters.
/// </summary>
public sealed class OpenApiDocumentTests(AuthServer server) : IClassFixture<AuthServer>, IDisposable
{
    // Endpoints that are not Coco REST routes, each with why the REST document leaves it out. Anything else must be in it.
    private static readonly (string Prefix, string Why)[] NotRest =
    [
        ("/graphql", "GraphQL, the playground and its files: the schema is served by introspection and GET /graphql?sdl"),
        ("/healthz", "probes for orchestrators (docs/operations.md)"),
        ("/metrics", "Prometheus scraping"),
        ("/openapi/", "this document itself"),
    ];

    private readonly HttpClient _client = server.CreateHttpClient();

    [Fact]
    public async Task The_document_reads_back_without_errors_and_passes_validation()
    {
        var text = await _client.GetStringAsync("openapi/v1.json");
        var read = OpenApiDocument.Parse(text, "json");

        Assert.Empty(read.Diagnostic!.Errors.Select(e => e.ToString()));
        Assert.StartsWith("3.", read.Diagnostic.SpecificationVersion.ToString().Replace("OpenApi", "", StringComparison.Ordinal).Replace('_', '.'), StringComparison.Ordinal);
        var document = read.Document!;
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => e.ToString()));
        Assert.Equal("Coco Connectors REST API", document.Info.Title);
    }

    [Fact]
    public async Task Every_REST_route_of_the_app_is_in_the_document()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths");

        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Path: "/" + e.RoutePattern.RawText!.Trim('/'), Method: m)))
            .ToList();
        var rest = routes.Where(r => !NotRest.Any(n => r.Path == n.Prefix || r.Path.StartsWith(n.Prefix, StringComparison.Ordinal) || r.Path == "/")).ToList();

        Assert.Contains(("/connector/_search", "POST"), rest);
        Assert.Contains(("/connector", "POST"), rest); // POST /connector/ — the document writes paths without the trailing '/'.
        Assert.Contains(("/connector/_audit", "GET"), rest);
        Assert.Equal(7, rest.Count);
        foreach (var (path, method) in rest)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{method} {path} is served but not in /openapi/v1.json (document it, or list it in NotRest with the reason)");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {path} is served but its operation is not in /openapi/v1.json");
        }

        var documented = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (p.Name, o.Name.ToUpperInvariant())));
        Assert.All(documented, d => Assert.Contains(d, rest));
    }

    [Fact]
    public async Task Search_lists_its_parameters_and_every_error_answer_is_the_Coco_envelope()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("openapi/v1.json"));
        var root = json.RootElement;
        var search = root.GetProperty("paths").GetProperty("/connector/_search");
        foreach (var method in new[] { "get", "post" })
        {
            var parameters = search.GetProperty(method).GetProperty("parameters").EnumerateArray()
                .ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
            foreach (var name in new[] { "query", "filter", "sort", "size", "from", "_source_includes", "_source_excludes", "default_operator", "fuzziness" })
            {
                Assert.True(parameters.TryGetValue(name, out var parameter), $"{method} _search does not document {name}");
                Assert.Equal("query", parameter.GetProperty("in").GetString());
                Assert.False(string.IsNullOrWhiteSpace(parameter.GetProperty("description").GetString()));
            }

            Assert.Equal("array", parameters["filter"].GetProperty("schema").GetProperty("type").GetString());
            Assert.EndsWith("/CocoSearchResultSchema", Ref(search.GetProperty(method).GetProperty("responses").GetProperty("200")));
        }

        Assert.EndsWith("/CocoSearchBodySchema", search.GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());

        var schemas = root.GetProperty("components").GetProperty("schemas");
        var envelope = schemas.GetProperty("CocoErrorSchema").GetProperty("properties");
        Assert.True(envelope.TryGetProperty("status", out _));
        Assert.EndsWith("/CocoErrorDetailSchema", envelope.GetProperty("error").GetProperty("$ref").GetString());
        var detail = schemas.GetProperty("CocoErrorDetailSchema").GetProperty("properties");
        Assert.True(detail.TryGetProperty("type", out _) && detail.TryGetProperty("reason", out _));
        // A create body needs only a name and a merge patch nothing: no member of the connector schema is required.
        Assert.False(schemas.GetProperty("CocoConnectorSchema").TryGetProperty("required", out _));
        var connector = schemas.GetProperty("CocoConnectorSchema").GetProperty("properties");
        foreach (var field in new[] { "id", "name", "config", "processor", "path_hierarchy", "oauth_connect_implemented", "tags", "created" })
        {
            Assert.True(connector.TryGetProperty(field, out _), $"CocoConnectorSchema lacks {field}");
        }

        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var responses = operation.Value.GetProperty("responses").EnumerateObject().ToList();
                Assert.Contains(responses, r => r.Name == "401");
                Assert.All(responses.Where(r => r.Name is "400" or "401" or "403"), r => Assert.EndsWith("/CocoErrorSchema", Ref(r.Value)));
            }
        }
    }

    [Fact]
    public async Task Like_introspection_it_needs_a_token_but_no_permission()
    {
        using var anonymous = server.CreateAnonymousHttpClient();
        var refused = await anonymous.GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("unauthorized", body.RootElement.GetProperty("error").GetProperty("type").GetString());

        using var reader = server.CreateAnonymousHttpClient();
        reader.DefaultRequestHeaders.Add("X-API-TOKEN", AuthServer.TokenFor("coco#connector/read"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("openapi/v1.json")).StatusCode);
    }

    private static string Ref(JsonElement response) =>
        response.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;

    public void Dispose() => _client.Dispose();
}
