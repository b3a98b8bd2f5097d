using System.Collections.Concurrent;
using Coco.Connectors.Storage;

namespace Coco.Connectors.Querying;

/// <summary>
/// Match counts, each valid for the data version it was counted at (SQLite: <c>connector_data_version</c>, which every
/// write moves in its own transaction; PostgreSQL: the transaction snapshot, <c>PostgresSnapshotVersion</c>): a count
/// the collection's size makes costly is counted once per change rather than once per request. Holds the counts of the newest version only, at most
/// <see cref="StorageOptions.CountCacheEntries"/> of them.
/// </summary>
/// <remarks>
/// A count is stored under the version read before counting, so it reflects that version or a newer one; a reader who
/// still sees that version gets an answer at least as fresh as its own read, and a reader who sees a newer version
/// misses and counts.
/// </remarks>
public sealed class CountCache(StorageOptions options)
{
    /// <summary>Keys longer than this (a query listing thousands of values) are counted every time rather than held.</summary>
    public const int MaxKeyLength = 4096;

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private long _version = -1;

    public bool Enabled => options.CountCacheEntries > 0;

    public bool TryGet(long version, string key, out int count)
    {
        count = 0;
        return Volatile.Read(ref _version) == version && _counts.TryGetValue(key, out count) && Volatile.Read(ref _version) == version;
    }

    public void Set(long version, string key, int count)
    {
        if (!Enabled || key.Length > MaxKeyLength)
        {
            return;
        }

        lock (_counts)
        {
            if (version < _version)
            {
                return;
            }

            if (version > _version || _counts.Count >= options.CountCacheEntries)
            {
                // Another version (or a full cache): what is held no longer answers anything, or is dropped wholesale.
                Volatile.Write(ref _version, -1);
                _counts.Clear();
            }

            _counts[key] = count;
            Volatile.Write(ref _version, version);
        }
    }
}
