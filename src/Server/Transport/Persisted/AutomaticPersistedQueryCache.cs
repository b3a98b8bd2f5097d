using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport.Persisted;

/// <summary>
/// Documents registered by hash (automatic persisted queries), one cache for every transport. Bounded by the total
/// length of the texts; the least recently used are compacted away when it is full, after which a client's next
/// hash-only request gets <c>PersistedQueryNotFound</c> and registers again.
/// </summary>
public sealed class AutomaticPersistedQueryCache : IDisposable
{
    private readonly MemoryCache _cache;

    public AutomaticPersistedQueryCache(IOptions<PersistedDocumentOptions> options)
    {
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = Math.Max(1, options.Value.AutomaticCacheMaxTotalLength),
            CompactionPercentage = 0.25,
        });
    }

    public string? Find(string sha256Hex) => _cache.TryGetValue(sha256Hex, out string? document) ? document : null;

    /// <summary>Only call with a document whose hash was verified and that passed validation.</summary>
    public void Add(string sha256Hex, string document) =>
        _cache.Set(sha256Hex, document, new MemoryCacheEntryOptions { Size = Math.Max(1, document.Length) });

    public void Dispose() => _cache.Dispose();
}
