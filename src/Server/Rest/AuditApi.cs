using System.Globalization;
using System.Text.Json.Nodes;
using Coco.Connectors.Audit;
using Coco.Connectors.Domain;
using Coco.Connectors.Querying;

namespace Coco.Connectors.Server.Rest;

/// <summary>
/// <c>GET /connector/_audit</c>: the audit log of writes, newest first, a bounded page at a time (<c>size</c>, then
/// <c>before=&lt;next&gt;</c> for the older entries), optionally of one connector (<c>connector_id</c>).
/// </summary>
public static class AuditApi
{
    public static async Task<IResult> ListAsync(HttpRequest request, AuditLog log, CancellationToken ct)
    {
        int size;
        long? before;
        string? connectorId;
        try
        {
            connectorId = Single(request, "connector_id");
            size = log.CheckRequest(Number(request, "size", NumberStyles.AllowLeadingSign), "size", connectorId, "connector_id");
            before = Number(request, "before", NumberStyles.None);
        }
        catch (QueryException e)
        {
            return CocoResponses.BadRequest($"{e.Parameter}: {e.Message}");
        }

        var page = await log.PageAsync(connectorId, before, size, ct);
        var entries = new JsonArray();
        foreach (var entry in page.Entries)
        {
            entries.Add(new JsonObject
            {
                ["seq"] = entry.Seq,
                ["at"] = Rfc3339.Format(entry.At),
                ["caller"] = entry.Caller,
                ["connector_id"] = entry.ConnectorId,
                ["kind"] = entry.Kind.ToString().ToLowerInvariant(),
                ["version"] = entry.Version,
                ["request_id"] = entry.RequestId,
            });
        }

        return Results.Json(new JsonObject
        {
            ["entries"] = entries,
            ["next"] = page.HasMore ? page.Entries[^1].Seq : null,
        });
    }

    private static string? Single(HttpRequest request, string name)
    {
        var values = request.Query[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new QueryException(name, $"give {name} once"),
        };
    }

    /// <summary>A whole number; a size may carry a sign, so that every size below 1 gets the page-size rule's one answer.</summary>
    private static long? Number(HttpRequest request, string name, NumberStyles styles) => Single(request, name) is not { } text ? null
        : long.TryParse(text, styles, CultureInfo.InvariantCulture, out var value) ? value
        : throw new QueryException(name, $"{name} must be a whole number, not '{text}'");
}
