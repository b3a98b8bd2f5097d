using System.Diagnostics;
using System.Text.Json.Nodes;
using Coco.Connectors.Auth;
using Coco.Connectors.Domain;
using Coco.Connectors.GraphQLApi.Limits;
using Coco.Connectors.Server.Auth;
using Coco.Connectors.Querying;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Coco.Connectors.Server.Rest;

/// <summary>
/// Coco Server's connector routes (CONTRACT §2), next to <c>/graphql</c>. Writes go through
/// <see cref="ConnectorWriter"/>, reads through <see cref="ConnectorReader"/>; every document is masked.
/// </summary>
public static class ConnectorApi
{
    public static IEndpointRouteBuilder MapConnectorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/connector").WithTags("Connectors");
        api.MapPost("/", CreateAsync).RequirePermission(Permissions.Create);
        api.MapGet("/_search", SearchAsync).RequirePermission(Permissions.Search);
        api.MapPost("/_search", SearchAsync).RequirePermission(Permissions.Search);
        api.MapGet("/_audit", AuditApi.ListAsync).RequirePermission(Permissions.Audit);
        api.MapGet("/{id}", GetAsync).RequirePermission(Permissions.Read);
        api.MapPut("/{id}", UpdateAsync).RequirePermission(Permissions.Update);
        api.MapDelete("/{id}", DeleteAsync).RequirePermission(Permissions.Delete);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ConnectorWriter connectors, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, allowEmpty: false, ct);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var result = await connectors.CreateAsync(body.Value!, CallerAccess.Actor(request.HttpContext), ct);
        return result.Succeeded
            ? WithETag(request, result.Connector!, CocoResponses.Result(result.Connector!.Id, "created"))
            : CocoResponses.Refused((body.Value!["id"] as JsonValue)?.ToString() ?? "", result.Errors);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, ConnectorReader reader, CancellationToken ct)
    {
        if (!ConnectorIds.IsValid(id))
        {
            return InvalidId(id);
        }

        var connector = await reader.FindAsync(id, ct);
        if (connector is null)
        {
            return Results.Json(new JsonObject { ["_id"] = id, ["found"] = false }, statusCode: StatusCodes.Status404NotFound);
        }

        return WithETag(request, connector, Results.Json(new JsonObject
        {
            ["_id"] = connector.Id,
            ["_source"] = ConnectorDocument.ToJson(connector),
            ["found"] = true,
        }));
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, ConnectorWriter connectors, CancellationToken ct)
    {
        if (!ConnectorIds.IsValid(id))
        {
            return InvalidId(id);
        }

        var replace = request.Query["replace"].ToString();
        if (replace.Length > 0 && !bool.TryParse(replace, out _))
        {
            return CocoResponses.BadRequest($"replace must be true or false, not '{replace}'");
        }

        if (!TryReadIfMatch(request, out var expectedVersion))
        {
            return CocoResponses.BadRequest("If-Match must be the connector's ETag (its version in quotes, e.g. \"3\") or *");
        }

        var body = await JsonBody.ReadObjectAsync(request, allowEmpty: false, ct);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var result = await connectors.UpdateAsync(id, body.Value!, replace.Length > 0 && bool.Parse(replace), expectedVersion, CallerAccess.Actor(request.HttpContext), ct);
        return result.Succeeded
            ? WithETag(request, result.Connector!, CocoResponses.Result(id, "updated"))
            : CocoResponses.Refused(id, result.Errors);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, ConnectorWriter connectors, CancellationToken ct)
    {
        if (!ConnectorIds.IsValid(id))
        {
            return InvalidId(id);
        }

        if (!TryReadIfMatch(request, out var expectedVersion))
        {
            return CocoResponses.BadRequest("If-Match must be the connector's ETag (its version in quotes, e.g. \"3\") or *");
        }

        var result = await connectors.DeleteAsync(id, expectedVersion, CallerAccess.Actor(request.HttpContext), ct);
        return result.Succeeded ? CocoResponses.Result(id, "deleted") : CocoResponses.Refused(id, result.Errors);
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, ConnectorReader reader, IOptions<GraphQLLimitsOptions> limits, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        JsonObject? body = null;
        if (HttpMethods.IsPost(request.Method))
        {
            var read = await JsonBody.ReadObjectAsync(request, allowEmpty: true, ct);
            if (read.Error is not null)
            {
                return read.Error;
            }

            body = read.Value;
        }

        SearchRequest search;
        ConnectorQuery query;
        try
        {
            search = SearchRequest.Parse(request.Query, body);
            query = search.ToQuery();
        }
        catch (QueryException e)
        {
            return CocoResponses.BadRequest(e.Message);
        }

        foreach (var warning in search.Warnings)
        {
            // Elasticsearch's way to say a request was run differently than asked (RFC 7234 warn-code 299).
            request.HttpContext.Response.Headers.Append("Warning", $"299 coco-connectors \"{warning}\"");
        }

        var page = await reader.ReadAsync(query, search.From, search.Size, includeTotal: true, ct);
        var hits = new JsonArray();
        foreach (var connector in page.Items)
        {
            hits.Add(new JsonObject
            {
                ["_index"] = "connector",
                ["_id"] = connector.Id,
                ["_source"] = SourceFilter.Apply(ConnectorDocument.ToJson(connector), search.SourceIncludes, search.SourceExcludes),
            });
        }

        var response = new JsonObject
        {
            ["took"] = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            ["timed_out"] = false,
            ["hits"] = new JsonObject
            {
                ["total"] = new JsonObject { ["value"] = page.TotalCount, ["relation"] = "eq" },
                ["hits"] = hits,
            },
        };
        if (search.Aggregations.Count > 0)
        {
            var aggregations = new JsonObject();
            foreach (var aggregation in search.Aggregations)
            {
                var buckets = await reader.CountByCategoryAsync(query, aggregation.Size, ct);
                aggregations[aggregation.Name] = new JsonObject
                {
                    ["buckets"] = new JsonArray([.. buckets.Select(b => new JsonObject { ["key"] = b.Category, ["doc_count"] = b.Count })]),
                };
            }

            response["aggregations"] = aggregations;
        }

        return await BoundedJson.ResultAsync(response, limits.Value.MaxResponseBytes, ct);
    }

    private static IResult InvalidId(string id) =>
        CocoResponses.BadRequest($"'{id}' is not a valid connector id (1 to 64 letters, digits, '_' or '-')");

    private static IResult WithETag(HttpRequest request, Connector connector, IResult result)
    {
        request.HttpContext.Response.Headers.ETag = CocoResponses.ETag(connector);
        return result;
    }

    /// <summary>Reads <c>If-Match</c>: absent or <c>*</c> means any version; otherwise one entity tag holding a version.</summary>
    private static bool TryReadIfMatch(HttpRequest request, out int? expectedVersion)
    {
        expectedVersion = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }

        // A strong or weak tag ("3", W/"3"); a bare number is accepted too, for hand-written requests.
        var text = EntityTagHeaderValue.TryParse(header, out var tag) ? tag.Tag.ToString().Trim('"') : header;
        if (int.TryParse(text, out var version))
        {
            expectedVersion = version;
            return true;
        }

        return false;
    }
}
