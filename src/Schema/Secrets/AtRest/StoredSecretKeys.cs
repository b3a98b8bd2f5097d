using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Secrets.AtRest;

/// <summary>
/// What the store holds, read as stored (ciphertext and all): the startup check that every key id in use is configured,
/// the counts of <c>secrets status</c>, and <c>secrets rotate</c>, which rewrites every connector whose secrets are not
/// kept the way the configuration now asks (encrypted with the active key, or in plain text when none is active).
/// </summary>
public sealed class StoredSecretKeys(IDbContextFactory<CocoDbContext> dbFactory, StoredSecrets? secrets = null)
{
    private const int BatchSize = 256;
    private const int StartupCandidates = 64;
    private const int KeyCheckCandidates = 8;
    private const string Columns = """SELECT "Id", "Config", "UrlWithPassword", "Version" FROM connectors""";

    /// <summary>The key new writes use (null: plain text).</summary>
    public string? ActiveKeyId => secrets?.Keys.ActiveKeyId;

    public IReadOnlyCollection<string> ConfiguredKeyIds => secrets?.Keys.KeyIds ?? [];

    /// <summary>
    /// Refuses to go on when a stored secret is encrypted with a key that is not configured, or when a configured key
    /// is not the one its stored secrets were encrypted with (<see cref="WrongKeysAsync"/>): every read of such a
    /// connector would fail. One SQL scan for the marker, leaving out rows under the configured keys (a connector is
    /// always written with one key), then a look at the few rows it finds.
    /// </summary>
    /// <exception cref="InvalidOperationException">A key is missing or wrong; the message names it.</exception>
    public async Task RequireConfiguredKeysAsync(CancellationToken ct)
    {
        var known = ConfiguredKeyIds.ToList();
        var sql = $"{Columns} WHERE {Holds(0)}"
            + string.Concat(known.Select((_, i) => $" AND NOT {Holds(i + 1)}"))
            + $" LIMIT {StartupCandidates}";
        object[] patterns = [MarkerPattern(null), .. known.Select(MarkerPattern)];
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            foreach (var row in await db.Database.SqlQueryRaw<StoredSecretRow>(sql, patterns).ToListAsync(ct))
            {
                if (StoredSecrets.KeyIdsOf(row.Config, row.UrlWithPassword).FirstOrDefault(id => id is not null && !known.Contains(id)) is { } missing)
                {
                    throw new InvalidOperationException(
                        $"Connector '{row.Id}' holds secrets encrypted with key '{missing}', which is not configured: set "
                        + $"{SecretEncryptionOptions.Section}:Keys:{missing} to the key they were encrypted with (docs/secrets-at-rest.md).");
                }
            }
        }

        if ((await WrongKeysAsync(ct)).FirstOrDefault() is { } wrong)
        {
            throw new InvalidOperationException(wrong);
        }
    }

    /// <summary>
    /// For each configured key that stored secrets name, whether it opens them: a few of its values are decrypted, and a
    /// key that opens none of them is wrong (a key id is only a name; the wrong bytes under the right name would
    /// otherwise pass until the first read). One value failing alone is a damaged value, not a wrong key, so it is not
    /// enough. Returns one message per wrong key; empty when every key in use is right.
    /// </summary>
    public async Task<IReadOnlyList<string>> WrongKeysAsync(CancellationToken ct)
    {
        var wrong = new List<string>();
        if (secrets is null)
        {
            return wrong;
        }

        var sql = $"{Columns} WHERE {Holds(0)} LIMIT {KeyCheckCandidates}";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var keyId in ConfiguredKeyIds.Order(StringComparer.Ordinal))
        {
            var rows = await db.Database.SqlQueryRaw<StoredSecretRow>(sql, MarkerPattern(keyId)).ToListAsync(ct);
            var values = rows.SelectMany(r => StoredSecrets.EncryptedValuesOf(r.Config, r.UrlWithPassword))
                .Where(v => SecretCipher.KeyIdOf(v) == keyId).Take(KeyCheckCandidates).ToList();
            if (values.Count > 0 && !values.Any(Opens))
            {
                wrong.Add($"{SecretEncryptionOptions.Section}:Keys:{keyId} is not the key the stored secrets under key '{keyId}' were encrypted with: "
                    + $"none of the {values.Count} stored values checked (connector '{rows[0].Id}' first) decrypts with it. Set it to the key they were "
                    + "encrypted with (docs/secrets-at-rest.md).");
            }
        }

        return wrong;
    }

    private bool Opens(string encrypted)
    {
        try
        {
            secrets!.ReadText(encrypted);
            return true;
        }
        catch (SecretCipherException)
        {
            return false;
        }
    }

    private static string Holds(int pattern) => $$"""(COALESCE("Config", '') LIKE {{{pattern}}} OR COALESCE("UrlWithPassword", '') LIKE {{{pattern}}})""";

    // Key ids are letters, digits and '-' only, so they hold no LIKE wildcard.
    private static string MarkerPattern(string? keyId) => keyId is null ? "%" + SecretCipher.Prefix + "%" : "%" + SecretCipher.Prefix + keyId + ":%";

    /// <summary>How many stored secrets are in plain text and how many under each key.</summary>
    public async Task<SecretCensus> CountAsync(CancellationToken ct)
    {
        int connectors = 0, withSecrets = 0, plaintext = 0;
        var byKey = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in RowsAsync(ct))
        {
            connectors++;
            var ids = StoredSecrets.KeyIdsOf(row.Config, row.UrlWithPassword);
            withSecrets += ids.Count > 0 ? 1 : 0;
            foreach (var id in ids)
            {
                if (id is null)
                {
                    plaintext++;
                }
                else
                {
                    byKey[id] = byKey.GetValueOrDefault(id) + 1;
                }
            }
        }

        return new SecretCensus(connectors, withSecrets, plaintext, byKey);
    }

    /// <summary>
    /// Rewrites each connector whose secrets are not kept as configured; returns how many it rewrote. Each connector is
    /// its own small write (its version stays: nothing a reader sees changes), so an interrupted run loses nothing and
    /// the next run goes on with the rest. A connector changed meanwhile is read again and rewritten.
    /// </summary>
    /// <param name="failed">Told each connector whose secrets cannot be decrypted (left as they are) and why.</param>
    public async Task<int> RotateAsync(Action<string, SecretCipherException> failed, CancellationToken ct)
    {
        var target = ActiveKeyId;
        var rewritten = 0;
        await foreach (var row in RowsAsync(ct))
        {
            try
            {
                if (StoredSecrets.KeyIdsOf(row.Config, row.UrlWithPassword).Any(id => id != target) && await RewriteAsync(row.Id, ct))
                {
                    rewritten++;
                }
            }
            catch (Exception e) when (Find<SecretCipherException>(e) is { } cipher)
            {
                failed(row.Id, cipher);
            }
        }

        return rewritten;
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private async Task<bool> RewriteAsync(string id, CancellationToken ct)
    {
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var connector = await db.Connectors.FirstOrDefaultAsync(c => c.Id == id, ct);
            if (connector is null)
            {
                return false;
            }

            // Read decrypted, written back through the same converters: encrypted with the active key.
            var entry = db.Entry(connector);
            entry.Property(c => c.Config).IsModified = connector.Config is not null;
            entry.Property(c => c.UrlWithPassword).IsModified = connector.UrlWithPassword is not null;
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A writer got there first; its write used the server's active key, but read it again to be sure.
            }
        }
    }

    private async IAsyncEnumerable<StoredSecretRow> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var after = "";
        while (true)
        {
            List<StoredSecretRow> batch;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                batch = await db.Database.SqlQueryRaw<StoredSecretRow>(
                    $$"""{{Columns}} WHERE "Id" > {0} ORDER BY "Id" LIMIT {{BatchSize}}""", after).ToListAsync(ct);
            }

            foreach (var row in batch)
            {
                yield return row;
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }

            after = batch[^1].Id;
        }
    }
}
