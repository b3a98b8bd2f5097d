using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.GraphQL;

/// <summary>A GraphQL response as the tests see it: status, content type, and the parsed body.</summary>
public sealed record GraphQLResponse(int Status, string? MediaType, string Text, HttpResponseMessage Message)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("The body is JSON null.");

    public JsonNode? Data => Json["data"];

    public JsonArray? Errors => Json["errors"] as JsonArray;

    public string FirstErrorMessage => Errors?[0]?["message"]?.GetValue<string>() ?? throw new InvalidOperationException($"No errors in {Text}");

    public string? FirstErrorCode => Errors?[0]?["extensions"]?["code"]?.GetValue<string>();

    /// <summary>Fails with the body when the response has errors; returns <c>data</c>.</summary>
    public JsonNode Ok()
    {
        Assert.True(Status == 200 && Errors is null, $"Expected success, got {Status}: {Text}");
        return Data!;
    }
}

/// <summary>Talks to <c>/graphql</c> over real HTTP, the way a frontend would.</summary>
public sealed class GraphQLTestClient(CocoServer server) : IDisposable
{
    public const string GraphQLResponseJson = "application/graphql-response+json";

    private readonly HttpClient _http = server.CreateHttpClient();

    public HttpClient Http => _http;

    public Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? accept = GraphQLResponseJson, string? operationName = null)
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null)
        {
            body["variables"] = variables as JsonNode ?? JsonSerializer.SerializeToNode(variables);
        }

        if (operationName is not null)
        {
            body["operationName"] = operationName;
        }

        return PostRawAsync(body.ToJsonString(), accept: accept);
    }

    public async Task<GraphQLResponse> PostRawAsync(string body, string? contentType = "application/json", string? accept = GraphQLResponseJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql");
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return await SendAsync(request, accept);
    }

    public async Task<GraphQLResponse> GetAsync(string pathAndQuery, string? accept = GraphQLResponseJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        return await SendAsync(request, accept);
    }

    public static string QueryString(string query, object? variables = null, string? operationName = null)
    {
        var parts = new List<string> { "query=" + Uri.EscapeDataString(query) };
        if (variables is not null)
        {
            parts.Add("variables=" + Uri.EscapeDataString(JsonSerializer.Serialize(variables)));
        }

        if (operationName is not null)
        {
            parts.Add("operationName=" + Uri.EscapeDataString(operationName));
        }

        return "graphql?" + string.Join('&', parts);
    }

    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request, string? accept = GraphQLResponseJson)
    {
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, response);
    }

    /// <summary>The connector exactly as stored (secrets unmasked), read past every API.</summary>
    public async Task<Connector?> ReadStoredAsync(string id)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<CocoDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Connectors.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
    }

    public async Task<int> CountStoredAsync()
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<CocoDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Connectors.CountAsync();
    }

    /// <summary>Creates a connector through the API and returns its id.</summary>
    public async Task<string> CreateAsync(object input)
    {
        var response = await PostAsync(
            "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { connector { id } errors { __typename ... on Error { message } } } }",
            new { input });
        var payload = response.Ok()["createConnector"]!;
        Assert.True(payload["errors"] is null, payload.ToJsonString());
        return payload["connector"]!["id"]!.GetValue<string>();
    }

    public void Dispose() => _http.Dispose();
}
