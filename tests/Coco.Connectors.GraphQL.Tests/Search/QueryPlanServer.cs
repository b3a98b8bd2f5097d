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
    public async Task EnsureCommonTagAsync(string tag, int count)
    {
        await _tagLock.WaitAsync();
        try
        {
            if (_tagged.Add(tag))
            {
                var writer = Services.GetRequiredService<ConnectorWriter>();
                for (var i = 0; i < count; i++)
                {
                    var doc = new JsonObject { ["name"] = $"{tag} {i:000}", ["tags"] = new JsonArray(tag) };
                    Assert.True((await writer.CreateAsync(doc, CancellationToken.None)).Succeeded);
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
