using System.Text.Json;
using Coco.Connectors.Tests.GraphQL;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// Runs GraphQL documents against the test server through the one test client, <see cref="GraphQLTestClient"/>
/// (POST /graphql, answers as application/json), and reads the answers as <see cref="JsonElement"/>s.
/// </summary>
public sealed class QueryClient(CocoServer server)
{
    private readonly GraphQLTestClient _client = new(server);

    public async Task<GraphQLResponse> ExecuteAsync(string query, object? variables = null)
    {
        var response = await _client.PostAsync(query, variables, accept: null);
        return new GraphQLResponse(JsonDocument.Parse(response.Text).RootElement.Clone());
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
