using System.Text;
using System.Text.Json;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Querying;

/// <summary>Runs GraphQL documents against the test server over real HTTP (POST /graphql, answers as application/json).</summary>
public sealed class QueryClient(CocoServer server)
{
    private readonly HttpClient _http = server.CreateHttpClient();

    public async Task<GraphQLResponse> ExecuteAsync(string query, object? variables = null)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("graphql", UriKind.Relative), content);
        return new GraphQLResponse(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}

/// <summary>A serialized GraphQL result with shortcuts for the parts tests look at.</summary>
public sealed record GraphQLResponse(JsonElement Root)
{
    public JsonElement Data => Root.GetProperty("data");

    public bool HasErrors => Root.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0;

    public JsonElement FirstError => Root.GetProperty("errors")[0];

    public string? ErrorCode => HasErrors && FirstError.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>The data, failing the test with the errors when there are any.</summary>
    public JsonElement Ok()
    {
        Assert.False(HasErrors, Root.ToString());
        return Data;
    }

    public override string ToString() => Root.ToString();
}
