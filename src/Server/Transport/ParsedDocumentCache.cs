using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace Coco.Connectors.Server.Transport;

/// <summary>
/// Parsed and validated documents by query text, so repeated operations skip parsing and the full validation
/// (the biggest per-request cost for small operations). Bounded by the total length of the cached query texts;
/// the least recently used entries are compacted away when it is full.
/// </summary>
public sealed class ParsedDocumentCache : IDisposable
{
    /// <summary>About 4 MB of query text; a parsed document takes roughly ten times its text in memory.</summary>
    public const long DefaultMaxTotalQueryLength = 4_000_000;

    private readonly MemoryCache _cache;

    public ParsedDocumentCache(long maxTotalQueryLength = DefaultMaxTotalQueryLength)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = maxTotalQueryLength, CompactionPercentage = 0.25 });
    }

    public GraphQLDocument? TryGet(string query) => _cache.TryGetValue(query, out GraphQLDocument? document) ? document : null;

    /// <summary>Only call with a document that passed validation: cache hits skip the core validation rules.</summary>
    public void Add(string query, GraphQLDocument document) =>
        _cache.Set(query, document, new MemoryCacheEntryOptions { Size = Math.Max(1, query.Length) });

    public void Dispose() => _cache.Dispose();
}
