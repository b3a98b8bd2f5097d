using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using Coco.Connectors.Auth;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Auth;

/// <summary>
/// The tokens this server accepts, held in memory and re-read from the store every
/// <see cref="AuthOptions.RefreshInterval"/> (so a request costs one HMAC and a dictionary look-up, and a token revoked
/// by the <c>tokens</c> command, or on another instance, stops working within one interval). Sockets authenticated
/// by a token watch it and end when it is revoked or expires.
/// </summary>
public sealed partial class TokenDirectory(
    TokenStore store,
    TokenHasher hasher,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<TokenDirectory> logger)
{
    // Stamps of use are written at most this often per token: a busy token must not turn reads into writes.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Watch, byte> _watches = new();
    private volatile Snapshot _snapshot = Snapshot.Empty;

    // One refresh at a time: a slower one that read the store before a revocation must not overwrite a later one's view.
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    /// <summary>True when any token exists (even revoked or expired): protected mode is then over for good.</summary>
    public bool HasTokens => _snapshot.HasTokens;

    /// <summary>The caller a presented token stands for, or null when no active token matches it.</summary>
    public Caller? Authenticate(string token)
    {
        var snapshot = _snapshot;
        if (!snapshot.HasTokens || !hasher.CanHash)
        {
            return null;
        }

        var hash = hasher.Hash(token);
        // Looked up by a prefix of the hash, then compared whole in constant time.
        if (!snapshot.ByPrefix.TryGetValue(BitConverter.ToInt64(hash), out var entry)
            || !CryptographicOperations.FixedTimeEquals(hash, entry.Hash))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (entry.Expires is { } expires && expires <= now)
        {
            return null;
        }

        if (entry.FromStore && (entry.LastUsed is not { } last || now - last >= LastUsedResolution))
        {
            _used[entry.Caller.Name] = now;
        }

        return entry.Caller;
    }

    /// <summary>Calls <paramref name="onEnded"/> once, when the named token is revoked or expires; dispose to stop watching.</summary>
    public IDisposable WatchToken(string name, Action onEnded)
    {
        var watch = new Watch(name, onEnded, this);
        _watches[watch] = 0;
        if (!IsActive(name))
        {
            watch.Fire();
        }

        return watch;
    }

    /// <summary>Re-reads the tokens; writes the pending last-used stamps first.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _refreshing.WaitAsync(ct);
        try
        {
            await RefreshNowAsync(ct);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task RefreshNowAsync(CancellationToken ct)
    {
        if (!_used.IsEmpty)
        {
            var pending = _used.ToArray();
            foreach (var (name, _) in pending)
            {
                _used.TryRemove(name, out _);
            }

            await store.RecordUseAsync(pending.ToDictionary(p => p.Key, p => p.Value), ct);
        }

        var stored = await store.ListAsync(ct);
        var now = clock.GetUtcNow();
        var entries = new List<Entry>();
        foreach (var token in stored.Where(t => t.IsActive(now)))
        {
            entries.Add(new Entry(new Caller(token.Name, Permissions.Parse(token.Permissions)), Convert.FromHexString(token.Hash),
                token.Expires, token.LastUsed, FromStore: true));
        }

        foreach (var (name, configured) in options.Value.Tokens)
        {
            if (configured.Expires is not { } expires || expires > now)
            {
                entries.Add(new Entry(new Caller(name, Permissions.Parse(configured.Permissions)), Convert.FromHexString(configured.Hash.Trim()),
                    configured.Expires, null, FromStore: false));
            }
        }

        if (entries.Count > 0 && !hasher.CanHash)
        {
            throw new InvalidOperationException(TokenKeySource.MissingKeyMessage);
        }

        _snapshot = new Snapshot(stored.Count + options.Value.Tokens.Count > 0,
            entries.ToFrozenDictionary(e => BitConverter.ToInt64(e.Hash), e => e));
        foreach (var watch in _watches.Keys)
        {
            if (!IsActive(watch.Name))
            {
                LogTokenEnded(watch.Name);
                watch.Fire();
            }
        }
    }

    private bool IsActive(string name)
    {
        var now = clock.GetUtcNow();
        return _snapshot.ByPrefix.Values.Any(e => e.Caller.Name == name && (e.Expires is not { } expires || expires > now));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The API token '{Name}' was revoked or expired; closing its connections")]
    private partial void LogTokenEnded(string name);

    private sealed record Entry(Caller Caller, byte[] Hash, DateTimeOffset? Expires, DateTimeOffset? LastUsed, bool FromStore);

    private sealed record Snapshot(bool HasTokens, FrozenDictionary<long, Entry> ByPrefix)
    {
        public static readonly Snapshot Empty = new(false, FrozenDictionary<long, Entry>.Empty);
    }

    private sealed class Watch(string name, Action onEnded, TokenDirectory owner) : IDisposable
    {
        private int _fired;

        public string Name => name;

        public void Fire()
        {
            if (Interlocked.Exchange(ref _fired, 1) == 0)
            {
                owner._watches.TryRemove(this, out _);
                onEnded();
            }
        }

        public void Dispose() => owner._watches.TryRemove(this, out _);
    }
}
