using Coco.Connectors.Domain;
using Microsoft.Net.Http.Headers;

namespace Coco.Connectors.Server.Rest;

/// <summary>
/// A write's <c>If-Match</c> (RFC 9110 §13.1.1): absent or <c>*</c> lets any version of the connector be written;
/// otherwise the versions its strong entity tags name (a bare number is accepted too, for hand-written requests), and
/// the write happens only while the connector is at one of them. A weak tag never matches (If-Match compares strongly),
/// and an empty field value is an empty list, which nothing matches: both are 412 after the writer's own 404/403.
/// </summary>
internal sealed class IfMatchCondition
{
    /// <summary>Versions start at 1, so no connector is at this one.</summary>
    private const int NoVersion = 0;

    private static readonly IfMatchCondition AnyVersion = new([], null, null, listed: false);

    private readonly IReadOnlyList<int> _versions;
    private readonly string? _header;
    private readonly string? _noMatch;
    private readonly bool _listed;

    private IfMatchCondition(IReadOnlyList<int> versions, string? header, string? noMatch, bool listed)
    {
        _versions = versions;
        _header = header;
        _noMatch = noMatch;
        _listed = listed;
    }

    /// <summary>The request's condition, or false when <c>If-Match</c> is neither <c>*</c> nor a list of versions' tags.</summary>
    public static bool TryRead(HttpRequest request, out IfMatchCondition condition)
    {
        condition = AnyVersion;
        if (!request.Headers.TryGetValue(HeaderNames.IfMatch, out var values))
        {
            return true;
        }

        var header = values.ToString().Trim();
        if (header == "*")
        {
            return true;
        }

        // An empty value is the empty list #entity-tag allows (RFC 9110 §5.6.1): no tag in it can match.
        if (header.Trim(',', ' ', '\t').Length == 0)
        {
            condition = new([], header, "If-Match is empty: it lists no entity tag, so none matches (send the ETag the server gave, or leave the header out)", listed: false);
            return true;
        }

        IList<EntityTagHeaderValue>? tags;
        if (int.TryParse(header, out var bare))
        {
            tags = [new EntityTagHeaderValue($"\"{bare}\"")];
        }
        else if (!EntityTagHeaderValue.TryParseStrictList([.. values.OfType<string>()], out tags) || tags.Any(t => t.Tag == "*"))
        {
            return false;
        }

        var versions = new List<int>();
        foreach (var tag in tags.Where(t => !t.IsWeak))
        {
            if (!int.TryParse(tag.Tag.AsSpan().Trim('"'), out var version))
            {
                return false;
            }

            versions.Add(version);
        }

        condition = versions.Count > 0 || tags.Count > 1
            ? new(versions, header, null, listed: tags.Count > 1)
            : new([], header, $"If-Match {header} is a weak entity tag, which never matches (RFC 9110 compares If-Match strongly): "
                + "send the ETag as the server gave it, in quotes without W/", listed: false);
        return true;
    }

    /// <summary>
    /// Runs <paramref name="write"/> (given the version it must find, or null for any) so that it happens only while the
    /// connector is at one of the listed versions: it names the first, and when the writer finds another listed one,
    /// that one. The writer checks the version in the write itself, so a write never lands on an unlisted version.
    /// </summary>
    public async Task<WriteResult> ApplyAsync(Func<int?, Task<WriteResult>> write)
    {
        if (_header is null)
        {
            return await write(null);
        }

        var result = await write(_versions.Count > 0 ? _versions[0] : NoVersion);
        // Versions only grow, so each retry names a later listed version: at most one per listed tag.
        for (var retries = 0; retries < _versions.Count && result.Errors is [VersionConflict conflict] && conflict.ActualVersion != conflict.ExpectedVersion
            && _versions.Contains(conflict.ActualVersion); retries++)
        {
            result = await write(conflict.ActualVersion);
        }

        return result;
    }

    /// <summary>The reason of a refused write's 412, when the condition is not one version's tag; else null (the writer's own).</summary>
    public string? Explain(string id, IReadOnlyList<ConnectorError> errors) => errors is [VersionConflict conflict] && _header is not null
        ? _noMatch is not null
            ? $"connector [{id}] is at version {conflict.ActualVersion}; {_noMatch}"
            : _listed ? $"connector [{id}] is at version {conflict.ActualVersion}, none of the strong entity tags If-Match lists ({_header})" : null
        : null;
}
