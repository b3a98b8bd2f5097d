using System.Text.Json.Nodes;
using Coco.Connectors.Audit;
using Coco.Connectors.Changes;
using Coco.Connectors.Secrets;
using Coco.Connectors.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Coco.Connectors.Domain;

/// <summary>
/// The one write path. REST, GraphQL and seeding all create, update and delete connectors here: validation,
/// merge patch or replace, keeping secrets sent back as the mask, built-in protection, version and time stamps,
/// commit (with its audit entry, in the same transaction), then one change event.
/// </summary>
public sealed class ConnectorWriter(
    IDbContextFactory<CocoDbContext> dbFactory,
    IConnectorChangeFeed changes,
    ConnectorIds ids,
    TimeProvider clock,
    StorageOptions storage,
    ILogger<ConnectorWriter> logger)
{
    // Everything logged while a connector is written names it (the JSON console log shows scopes).
    private static readonly Func<ILogger, string, IDisposable?> ConnectorScope = LoggerMessage.DefineScope<string>("Connector {ConnectorId}");

    // Writes to one connector take turns within this process (striped by id): no lost races to retry, and events
    // leave in version order. Across instances the version token still decides, and RetryRacesAsync replays.
    private readonly SemaphoreSlim[] _connectorLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Creates a connector from a Coco document. Built-in connectors are created only by seeding.</summary>
    public Task<WriteResult> CreateAsync(JsonObject document, AuditActor by, CancellationToken ct) => CreateAsync(document, builtin: false, by, ct);

    /// <summary>A write of the server's own (tools, tests), audited as <see cref="AuditActor.System"/>.</summary>
    public Task<WriteResult> CreateAsync(JsonObject document, CancellationToken ct) => CreateAsync(document, AuditActor.System, ct);

    internal async Task<WriteResult> CreateAsync(JsonObject document, bool builtin, AuditActor by, CancellationToken ct)
    {
        var errors = new List<ConnectorError>();
        var id = ReadRequestedId(document, errors);
        return await LockedAsync(id ?? ids.NewId(), newId => TryCreateAsync(document, id, newId, builtin, errors, by, ct), ct);
    }

    private async Task<WriteResult> TryCreateAsync(
        JsonObject document, string? requestedId, string id, bool builtin, List<ConnectorError> errors, AuditActor by, CancellationToken ct)
    {
        // Nothing is stored yet, so a mask can stand for no secret.
        var fields = RestoreMasked(ConnectorFields.Read(document, errors), stored: null, errors);

        if (errors.Count > 0)
        {
            return WriteResult.Fail(errors);
        }

        var now = Now();
        var connector = new Connector { Id = id, Builtin = builtin, Created = now, Updated = now, Version = 1 };
        fields.ApplyTo(connector);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (requestedId is not null && await db.Connectors.AnyAsync(c => c.Id == id, ct))
        {
            return WriteResult.Fail(new DuplicateConnectorId(id));
        }

        db.Connectors.Add(connector);
        try
        {
            await CommitAsync(db, new ConnectorChange(connector.Id, ConnectorChangeKind.Created, connector.Version) { Committed = connector, Prior = PriorState.Absent }, by, now, ct);
        }
        catch (DbUpdateException) when (requestedId is not null)
        {
            // Lost a race with another instance creating the same id; anything else is unexpected.
            if (await ExistsAsync(id, ct))
            {
                return WriteResult.Fail(new DuplicateConnectorId(id));
            }

            throw;
        }

        return WriteResult.Ok(connector);
    }

    /// <summary>
    /// Merges <paramref name="patch"/> into the stored document (RFC 7386), or with <paramref name="replace"/>
    /// replaces every client-owned field. <c>id</c>, <c>created</c> and <c>builtin</c> always stay as stored.
    /// </summary>
    public Task<WriteResult> UpdateAsync(string id, JsonObject patch, bool replace, int? expectedVersion, AuditActor by, CancellationToken ct) =>
        RetryRacesAsync(() => LockedAsync(id, _ => TryUpdateAsync(id, patch, replace, expectedVersion, by, ct), ct), expectedVersion);

    /// <summary>A write of the server's own (tools, tests), audited as <see cref="AuditActor.System"/>.</summary>
    public Task<WriteResult> UpdateAsync(string id, JsonObject patch, bool replace, int? expectedVersion, CancellationToken ct) =>
        UpdateAsync(id, patch, replace, expectedVersion, AuditActor.System, ct);

    public Task<WriteResult> DeleteAsync(string id, int? expectedVersion, AuditActor by, CancellationToken ct) =>
        RetryRacesAsync(() => LockedAsync(id, _ => TryDeleteAsync(id, expectedVersion, by, ct), ct), expectedVersion);

    /// <summary>A write of the server's own (tools, tests), audited as <see cref="AuditActor.System"/>.</summary>
    public Task<WriteResult> DeleteAsync(string id, int? expectedVersion, CancellationToken ct) => DeleteAsync(id, expectedVersion, AuditActor.System, ct);

    /// <summary>
    /// A writer that named no version can only lose a race to a writer on another instance: apply its change again
    /// on top of the newer state, as if the two had arrived one after the other. Every lost race is another writer's
    /// commit, so this ends once the writers it raced with are done.
    /// </summary>
    private static async Task<WriteResult> RetryRacesAsync(Func<Task<WriteResult>> attempt, int? expectedVersion)
    {
        while (true)
        {
            var result = await attempt();
            // Only a conflict that shows the version moved is a lost race; anything else is the answer.
            if (expectedVersion is not null || result.Errors is not [VersionConflict conflict] || conflict.ActualVersion == conflict.ExpectedVersion)
            {
                return result;
            }
        }
    }

    private async Task<WriteResult> TryUpdateAsync(string id, JsonObject patch, bool replace, int? expectedVersion, AuditActor by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connector = NulCharacters.In(id) ? null : await db.Connectors.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connector is null)
        {
            return WriteResult.Fail(new ConnectorNotFound(id));
        }

        if (expectedVersion is { } expected && expected != connector.Version)
        {
            return WriteResult.Fail(new VersionConflict(id, expected, connector.Version));
        }

        var stored = ConnectorDocument.ToJson(connector, maskSecrets: false);
        var document = replace ? (JsonObject)patch.DeepClone() : MergePatch.Apply(stored, patch);
        var errors = new List<ConnectorError>();
        var fields = RestoreMasked(ConnectorFields.Read(document, errors), connector, errors);
        if (errors.Count == 0)
        {
            RequireResentSecrets(connector.Config, fields.Config, patch["config"] as JsonObject, errors);
        }

        if (errors.Count > 0)
        {
            return WriteResult.Fail(errors);
        }

        var versionRead = connector.Version;
        var prior = new PriorState(connector.ShallowCopy());
        fields.ApplyTo(connector);
        if (JsonNode.DeepEquals(stored, ConnectorDocument.ToJson(connector, maskSecrets: false)))
        {
            // Nothing changes: no write, no new version, no audit entry, no event (docs/decisions.md, "A no-op update").
            return WriteResult.Ok(connector);
        }

        connector.Version = versionRead + 1;
        connector.Updated = Now();
        try
        {
            await CommitAsync(db, new ConnectorChange(id, ConnectorChangeKind.Updated, connector.Version) { Committed = connector, Prior = prior }, by, connector.Updated, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another writer got there between our read and our write: nothing of ours was stored.
            return WriteResult.Fail(await ConflictOrMissingAsync(id, expectedVersion ?? versionRead, ct));
        }

        return WriteResult.Ok(connector);
    }

    private async Task<WriteResult> TryDeleteAsync(string id, int? expectedVersion, AuditActor by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connector = NulCharacters.In(id) ? null : await db.Connectors.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connector is null)
        {
            return WriteResult.Fail(new ConnectorNotFound(id));
        }

        if (connector.Builtin)
        {
            return WriteResult.Fail(new BuiltinConnectorProtected(id, "builtin connector cannot be deleted"));
        }

        if (expectedVersion is { } expected && expected != connector.Version)
        {
            return WriteResult.Fail(new VersionConflict(id, expected, connector.Version));
        }

        db.Connectors.Remove(connector);
        try
        {
            await CommitAsync(db, new ConnectorChange(id, ConnectorChangeKind.Deleted, connector.Version + 1) { Prior = new PriorState(connector) }, by, Now(), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WriteResult.Fail(await ConflictOrMissingAsync(id, expectedVersion ?? connector.Version, ct));
        }

        return WriteResult.Ok(connector);
    }

    /// <summary>
    /// Puts the stored secrets back where the fields carry the mask (config values, URL passwords in config and in
    /// <c>url</c>). Runs after validation, so every limit was checked on what the client sent and the masks in it.
    /// </summary>
    private static ConnectorFields RestoreMasked(ConnectorFields fields, Connector? stored, List<ConnectorError> errors)
    {
        if (fields.Config is not null)
        {
            errors.AddRange(SecretPolicy.RestoreMasked(fields.Config, stored?.Config).Select(mask => new ValidationError(FieldPath.Parse(mask.Path), mask.Reason)));
        }

        if (fields.Url is null)
        {
            return fields;
        }

        var url = SecretPolicy.RestoreMaskedUrls(fields.Url, stored is null ? null : stored.UrlWithPassword ?? stored.Url, "url", out var unresolved);
        if (unresolved is not null)
        {
            errors.Add(new ValidationError(FieldPath.Parse(unresolved.Path), unresolved.Reason));
        }

        return fields with { Url = url };
    }

    /// <summary>Secrets follow their destination: a write that moves where credentials go must resend them.</summary>
    private static void RequireResentSecrets(JsonObject? stored, JsonObject? updated, JsonObject? sent, List<ConnectorError> errors)
    {
        var resend = SecretPolicy.SecretsToResend(stored, updated, sent);
        if (resend.Count > 0)
        {
            errors.Add(ValidationError.Sentence(FieldPath.Of("config"), $"this change moves where the connector's credentials are sent (a url, uri, endpoint, host "
                + $"or domain setting), so it must resend them in the same request (not as the mask): {string.Join(", ", resend)}"));
        }
    }

    private async Task<WriteResult> LockedAsync(string id, Func<string, Task<WriteResult>> write, CancellationToken ct)
    {
        using var scope = ConnectorScope(logger, id);
        var stripe = _connectorLocks[(uint)id.GetHashCode() % (uint)_connectorLocks.Length];
        // Bounded like the store's own lock: writers queued behind one stuck on a locked database give up in time too.
        if (!await stripe.WaitAsync(storage.BusyTimeout, ct))
        {
            throw new StoreUnavailableException(StoreFailures.ConnectorBusy);
        }

        try
        {
            return await write(id);
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>
    /// Commits the write with its audit entry (one transaction: a write that fails leaves no entry, and no write goes
    /// unrecorded), then announces; always called under the connector's lock, so events leave in version order.
    /// </summary>
    private async Task CommitAsync(CocoDbContext db, ConnectorChange change, AuditActor by, DateTime at, CancellationToken ct)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            Caller = by.Caller,
            ConnectorId = change.Id,
            Kind = change.Kind,
            Version = change.Version,
            RequestId = by.RequestId,
        });
        await db.SaveChangesAsync(ct);
        await changes.PublishAsync(change with
        {
            CommittedAt = System.Diagnostics.Stopwatch.GetTimestamp(),
            WriteContext = System.Diagnostics.Activity.Current?.Context ?? default,
        });
    }

    /// <summary>
    /// UTC to the millisecond, the precision GraphQL's <c>DateTime</c> shows (as HotChocolate writes it), so a time read
    /// from any path can be given back in a filter and match.
    /// </summary>
    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private async Task<bool> ExistsAsync(string id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Connectors.AnyAsync(c => c.Id == id, ct);
    }

    private async Task<ConnectorError> ConflictOrMissingAsync(string id, int expected, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actual = await db.Connectors.Where(c => c.Id == id).Select(c => (int?)c.Version).FirstOrDefaultAsync(ct);
        return actual is null ? new ConnectorNotFound(id) : new VersionConflict(id, expected, actual.Value);
    }

    private static string? ReadRequestedId(JsonObject document, List<ConnectorError> errors)
    {
        var node = document["id"];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            errors.Add(new ValidationError(FieldPath.Of("id"), "must be a string"));
            return null;
        }

        var id = node.GetValue<string>();
        if (id.Length == 0)
        {
            return null;
        }

        if (!ConnectorIds.IsValid(id))
        {
            errors.Add(new ValidationError(FieldPath.Of("id"), "must be 1 to 64 letters, digits, '_' or '-', starting with a letter or digit"));
            return null;
        }

        return id;
    }
}
