using System.Net;
using System.Text.Json;
using Coco.Connectors.Changes;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Subscriptions;

/// <summary>Writes through REST and reads the server's subscriber count: the two things every live test needs.</summary>
public sealed class LiveServer(CocoServer server) : IDisposable
{
    private readonly HttpClient _http = server.CreateHttpClient();

    public HttpClient Http => _http;

    /// <summary>How many subscriptions the server is feeding right now, over every transport.</summary>
    public int Subscribers => server.Services.GetRequiredService<ConnectorEventDispatcher>().SubscriberCount;

    public Task WaitForSubscribersAsync(int count) =>
        Eventually.TrueAsync(() => Subscribers == count, $"the server has {count} subscribers (it has {Subscribers})");

    public async Task<string> CreateAsync(object body)
    {
        var response = await _http.SendJsonAsync(HttpMethod.Post, "connector/", JsonSerializer.Serialize(body));
        Assert.True(response.Status == HttpStatusCode.OK, response.Text);
        return (string)response.Object["_id"]!;
    }

    public async Task UpdateAsync(string id, object body)
    {
        var response = await _http.SendJsonAsync(HttpMethod.Put, $"connector/{id}", JsonSerializer.Serialize(body));
        Assert.True(response.Status == HttpStatusCode.OK, response.Text);
    }

    public async Task DeleteAsync(string id)
    {
        var response = await _http.SendJsonAsync(HttpMethod.Delete, $"connector/{id}");
        Assert.True(response.Status == HttpStatusCode.OK, response.Text);
    }

    public void Dispose() => _http.Dispose();
}
