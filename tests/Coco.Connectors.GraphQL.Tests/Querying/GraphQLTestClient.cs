using System.Text.Json;
using Coco.Connectors.Server.Transport;
using Coco.Connectors.Tests.Infrastructure;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Querying;

/// <summary>
/// Runs GraphQL documents against the test server. Today it goes through <see cref="GraphQLRunner"/> in process (the
/// HTTP transport lives in another branch); switching these tests to HTTP means changing only <see cref="ExecuteAsync"/>.
/// </summary>
public sealed class GraphQLTestClient(CocoServer server)
{
    public async Task<GraphQLResponse> ExecuteAsync(string query, object? variables = null)
    {
        var serializer = server.Services.GetRequiredService<IGraphQLTextSerializer>();
        var runner = server.Services.GetRequiredService<GraphQLRunner>();
        var request = serializer.Deserialize<GraphQLRequest>(JsonSerializer.Serialize(new { query, variables }))!;
        await using var scope = server.Services.CreateAsyncScope();
        var result = await runner.ExecuteAsync(request, scope.ServiceProvider, AllowedOperations.QueryAndMutation, null, CancellationToken.None);
        return new GraphQLResponse(JsonDocument.Parse(serializer.Serialize(result)).RootElement.Clone());
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
