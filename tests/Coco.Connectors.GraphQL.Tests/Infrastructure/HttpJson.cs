using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>A response read as JSON, with its status and headers, for short assertions.</summary>
public sealed record JsonResponse(HttpStatusCode Status, JsonNode? Body, string Text, HttpResponseMessage Raw)
{
    public JsonObject Object => Body as JsonObject ?? throw new InvalidOperationException($"not a JSON object: {Text}");
}

public static class HttpJson
{
    public static async Task<JsonResponse> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string? body = null,
        Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        return await ReadAsync(await client.SendAsync(request));
    }

    public static Task<JsonResponse> GetJsonAsync(this HttpClient client, string path) => client.SendJsonAsync(HttpMethod.Get, path);

    public static async Task<JsonResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: the test looks at Text.
        }

        return new JsonResponse(response.StatusCode, body, text, response);
    }

    /// <summary>The stored connector, unmasked, straight from the database (what no API may ever show).</summary>
    public static async Task<Connector?> StoredAsync(this CocoServer server, string id)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<CocoDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Connectors.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
    }

    /// <summary>Every stored connector as unmasked JSON, to prove a bad request changed nothing.</summary>
    public static async Task<string> SnapshotAsync(this CocoServer server)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<CocoDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var all = await db.Connectors.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        return string.Join('\n', all.Select(c => ConnectorDocument.ToJson(c, maskSecrets: false).ToJsonString() + c.Version));
    }
}
