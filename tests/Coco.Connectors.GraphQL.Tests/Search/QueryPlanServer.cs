using System.Text.Json.Nodes;
using Coco.Connectors.Domain;
using Coco.Connectors.Tests.Querying;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Search;

/// <summary>The querying server, also recording the plan of every query it runs.</summary>
public sealed class QueryPlanServer : QueryingServer
{
    private readonly SemaphoreSlim _tagLock = new(1, 1);
    private readonly HashSet<string> _tagged = [];

    public QueryPlanLog Plans { get; } = new();

    /// <summary>Adds <paramref name="count"/> connectors holding <paramref name="tag"/> (once per tag), so the tag is common.</summary>
    public Task EnsureCommonTagAsync(string tag, int count) =>
        EnsureCommonAsync(tag, count, i => new JsonObject { ["name"] = $"{tag} {i:000}", ["tags"] = new JsonArray(tag) });

    /// <summary>Adds <paramref name="count"/> connectors whose processor is <paramref name="name"/> (once per name), so the name is common.</summary>
    public Task EnsureCommonProcessorNameAsync(string name, int count) =>
        EnsureCommonAsync(name, count, i => new JsonObject { ["name"] = $"{name} {i:000}", ["processor"] = new JsonObject { ["name"] = name } });

    private async Task EnsureCommonAsync(string value, int count, Func<int, JsonObject> document)
    {
        await _tagLock.WaitAsync();
        try
        {
            if (_tagged.Add(value))
            {
                var writer = Services.GetRequiredService<ConnectorWriter>();
                for (var i = 0; i < count; i++)
                {
                    Assert.True((await writer.CreateAsync(document(i), CancellationToken.None)).Succeeded);
                }
            }
        }
        finally
        {
            _tagLock.Release();
        }
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.ConfigureDbContext<Storage.CocoDbContext>(options => options.AddInterceptors(Plans));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _tagLock.Dispose();
        }
    }
}
