using System.Diagnostics;
using System.Text.Json.Nodes;
using Coco.Connectors.Auth;
using Coco.Connectors.Domain;
using Coco.Connectors.GraphQLApi.Limits;
using Coco.Connectors.Server.Auth;
using Coco.Connectors.Server.Rest.OpenApi;
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
        api.MapPost("/", CreateAsync).RequirePermission(Permissions.Create).DocumentCreate();
        api.MapGet("/_search", SearchAsync).RequirePermission(Permissions.Search).DocumentSearch("searchConnectors");
        api.MapPost("/_search", SearchAsync).RequirePermission(Permissions.Search).DocumentSearch("searchConnectorsWithBody").DocumentSearchBody();
        api.MapGet("/_audit", AuditApi.ListAsync).RequirePermission(Permissions.Audit).DocumentAudit();
        api.MapGet("/{id}", GetAsync).RequirePermission(Permissions.Read).DocumentGet();
        api.MapPut("/{id}", UpdateAsync).RequirePermission(Permissions.Update).DocumentUpdate();
        api.MapDelete("/{id}", DeleteAsync).RequirePermission(Permissions.Delete).DocumentDelete();
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

        if (!IfMatchCondition.TryRead(request, out var ifMatch))
        {
            return InvalidIfMatch;
        }

        var body = await JsonBody.ReadObjectAsync(request, allowEmpty: false, ct);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var result = await ifMatch.ApplyAsync(expectedVersion =>
            connectors.UpdateAsync(id, body.Value!, replace.Length > 0 && bool.Parse(replace), expectedVersion, CallerAccess.Actor(request.HttpContext), ct));
        return result.Succeeded
            ? WithETag(request, result.Connector!, CocoResponses.Result(id, "updated"))
            : Refused(id, result.Errors, ifMatch);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, ConnectorWriter connectors, CancellationToken ct)
    {
        if (!ConnectorIds.IsValid(id))
        {
            return InvalidId(id);
        }

        if (!IfMatchCondition.TryRead(request, out var ifMatch))
        {
            return InvalidIfMatch;
        }

        var result = await ifMatch.ApplyAsync(expectedVersion => connectors.DeleteAsync(id, expectedVersion, CallerAccess.Actor(request.HttpContext), ct));
        return result.Succeeded ? CocoResponses.Result(id, "deleted") : Refused(id, result.Errors, ifMatch);
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

        // Rows are read one at a time and the answer is measured as it grows, so a page of large configs stops being
        // read once it is too large; rows whose config and icons are filtered out of _source are read without them.
        var maxBytes = limits.Value.MaxResponseBytes;
        var columns = ConnectorColumns.For(SourceFilter.Keeps("config", search.SourceIncludes, search.SourceExcludes)
            || SourceFilter.Keeps("assets", search.SourceIncludes, search.SourceExcludes));
        var hits = new JsonArray();
        var size = 0L;
        await foreach (var connector in reader.StreamAsync(query, search.From, search.Size, columns, ct))
        {
            var hit = new JsonObject
            {
                ["_index"] = "connector",
                ["_id"] = connector.Id,
                ["_source"] = SourceFilter.Apply(ConnectorDocument.ToJson(connector), search.SourceIncludes, search.SourceExcludes),
            };
            if ((size += ResponseSize.LowerBound(hit)) > maxBytes)
            {
                return BoundedJson.TooLarge(maxBytes);
            }

            hits.Add(hit);
        }

        // A page that ends the result gives the total without counting (a selective or empty search).
        var total = ConnectorReader.CountOf(search.From, search.Size, hits.Count)
            ?? Math.Max(await reader.CountAsync(query, ct), ConnectorReader.FewestMatches(search.From, hits.Count));
        var response = new JsonObject
        {
            ["took"] = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            ["timed_out"] = false,
            ["hits"] = new JsonObject
            {
                ["total"] = new JsonObject { ["value"] = total, ["relation"] = "eq" },
                ["hits"] = hits,
            },
        };
        if (search.Aggregations.Count > 0)
        {
            // One count for all: aggregations differ only in how many buckets they keep, and the buckets' order is total.
            var aggregations = new JsonObject();
            var counted = await reader.CountByCategoryAsync(query, search.Aggregations.Max(a => a.Size), ct);
            foreach (var aggregation in search.Aggregations)
            {
                aggregations[aggregation.Name] = new JsonObject
                {
                    ["buckets"] = new JsonArray([.. counted.Take(aggregation.Size).Select(b => new JsonObject { ["key"] = b.Category, ["doc_count"] = b.Count })]),
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

    private static IResult InvalidIfMatch =>
        CocoResponses.BadRequest("If-Match must be * or a list of the connector's ETags (its version in quotes, e.g. \"3\" or \"3\", \"4\")");

    /// <summary>The REST answer for a refused write; a 412 whose If-Match was not one version's tag says why nothing matched.</summary>
    private static IResult Refused(string id, IReadOnlyList<ConnectorError> errors, IfMatchCondition ifMatch) =>
        ifMatch.Explain(id, errors) is { } reason
            ? CocoResponses.Error(StatusCodes.Status412PreconditionFailed, "version_conflict", reason)
            : CocoResponses.Refused(id, errors);
}
