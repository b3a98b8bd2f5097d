using Microsoft.OpenApi;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>
/// What the OpenAPI document says about each Coco route: bodies, answers (with Coco's error envelope) and the
/// parameters the handlers read themselves. Kept beside the schemas so <see cref="ConnectorApi"/> stays about behaviour.
/// </summary>
public static class ConnectorApiDocs
{
    private const string Json = "application/json";

    public static RouteHandlerBuilder DocumentCreate(this RouteHandlerBuilder route) => route
        .WithName("createConnector")
        .WithSummary("Create a connector")
        .WithDescription("Stores a new connector; only name is required. Secrets in config are stored as given and never shown again.")
        .WithMetadata(new DocumentedBody(typeof(CocoConnectorSchema), Required: true))
        .Produces<CocoWriteResultSchema>(StatusCodes.Status200OK)
        .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    public static RouteHandlerBuilder DocumentSearch(this RouteHandlerBuilder route, string operationId) => route
        .WithName(operationId)
        .WithSummary("Search connectors")
        .WithDescription("Coco's search: free text, filters, sort and offset paging; the answer is shaped like Elasticsearch's. "
            + "A part of the request that is run differently than asked (fuzziness ≥ 2, sort=_score) is named in a Warning header (299).")
        .WithMetadata(SearchParameters)
        .Produces<CocoSearchResultSchema>(StatusCodes.Status200OK)
        .Errors(StatusCodes.Status400BadRequest);

    public static RouteHandlerBuilder DocumentSearchBody(this RouteHandlerBuilder route) => route
        .WithMetadata(new DocumentedBody(typeof(CocoSearchBodySchema), Required: false))
        .Errors(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    public static RouteHandlerBuilder DocumentGet(this RouteHandlerBuilder route) => route
        .WithName("getConnector")
        .WithSummary("Read a connector")
        .WithDescription("The connector with its secrets masked; the ETag header carries its version.")
        .Produces<CocoGetResultSchema>(StatusCodes.Status200OK)
        .Produces<CocoGetResultSchema>(StatusCodes.Status404NotFound)
        .Errors(StatusCodes.Status400BadRequest);

    public static RouteHandlerBuilder DocumentUpdate(this RouteHandlerBuilder route) => route
        .WithName("updateConnector")
        .WithSummary("Update a connector")
        .WithDescription("A JSON Merge Patch (RFC 7386) of the stored connector, or the whole document with replace=true. "
            + "Sending \"******\" for a secret keeps the stored value.")
        .WithMetadata(
            new DocumentedParameter("replace", ParameterLocation.Query, JsonSchemaType.Boolean, "true: the body replaces the connector instead of patching it."),
            IfMatch)
        .WithMetadata(new DocumentedBody(typeof(CocoConnectorSchema), Required: true))
        .Produces<CocoWriteResultSchema>(StatusCodes.Status200OK)
        .Produces<CocoWriteResultSchema>(StatusCodes.Status404NotFound)
        .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status412PreconditionFailed, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

    public static RouteHandlerBuilder DocumentDelete(this RouteHandlerBuilder route) => route
        .WithName("deleteConnector")
        .WithSummary("Delete a connector")
        .WithDescription("Built-in connectors cannot be deleted (403 builtin_connector).")
        .WithMetadata(IfMatch)
        .Produces<CocoWriteResultSchema>(StatusCodes.Status200OK)
        .Produces<CocoWriteResultSchema>(StatusCodes.Status404NotFound)
        .Errors(StatusCodes.Status400BadRequest, StatusCodes.Status412PreconditionFailed);

    public static RouteHandlerBuilder DocumentAudit(this RouteHandlerBuilder route) => route
        .WithName("listAuditEntries")
        .WithSummary("Read the audit log")
        .WithDescription("Every write (who, which connector, what kind, which version, when), newest first; needs coco#connector/audit.")
        .WithMetadata(
            new DocumentedParameter("size", ParameterLocation.Query, JsonSchemaType.Integer, "Entries per page (at least 1; bounded)."),
            new DocumentedParameter("before", ParameterLocation.Query, JsonSchemaType.Integer, "The next value of the previous page: entries older than it."),
            new DocumentedParameter("connector_id", ParameterLocation.Query, JsonSchemaType.String, "Only the entries of this connector."))
        .Produces<CocoAuditPageSchema>(StatusCodes.Status200OK)
        .Errors(StatusCodes.Status400BadRequest);

    private static readonly DocumentedParameter IfMatch = new("If-Match", ParameterLocation.Header, JsonSchemaType.String,
        "The version this write expects, as the ETag gave it (\"3\"), or a list of them (\"3\", \"4\": any one); 412 version_conflict when the connector is at none of them, for a weak tag (W/\"3\"), which never matches, and for an empty value. * or absent: any version.");

    private static readonly object[] SearchParameters =
    [
        new DocumentedParameter("query", ParameterLocation.Query, JsonSchemaType.String,
            "Free text over name, description, category, tags and processor.name (case-insensitive substrings; all words must match unless default_operator=OR). "
            + "field:value matches a keyword field's whole value (category:database)."),
        new DocumentedParameter("filter", ParameterLocation.Query, JsonSchemaType.String,
            "Repeatable, all must hold: field:value, field:any(v1,v2), field>=v (also >, <, <=) on strings, date-times and version, exists(field), -… to negate. "
            + "Fields: id, name, description, category, icon, url, tags, path_hierarchy, builtin, oauth_connect_implemented, enabled, processor.enabled, processor.name, created, updated, version. config cannot be filtered on.",
            Repeated: true),
        new DocumentedParameter("sort", ParameterLocation.Query, JsonSchemaType.String,
            "field:asc|desc, comma-separated, applied in the order written (default created:desc; ties by id). _score is accepted and ignored (Warning header)."),
        new DocumentedParameter("size", ParameterLocation.Query, JsonSchemaType.Integer, $"Hits per page, 0 to {SearchRequest.MaxSize} (default {SearchRequest.DefaultSize})."),
        new DocumentedParameter("from", ParameterLocation.Query, JsonSchemaType.Integer, $"Hits to skip, 0 to {SearchRequest.MaxFrom:D} (GraphQL's cursor paging goes further)."),
        new DocumentedParameter("_source_includes", ParameterLocation.Query, JsonSchemaType.String, "Comma-separated fields (dotted paths; a trailing * matches a prefix) to keep in each _source."),
        new DocumentedParameter("_source_excludes", ParameterLocation.Query, JsonSchemaType.String, "Comma-separated fields (dotted paths; a trailing * matches a prefix) to drop from each _source."),
        new DocumentedParameter("default_operator", ParameterLocation.Query, JsonSchemaType.String, "AND (default): every word of query must match; OR: any word."),
        new DocumentedParameter("fuzziness", ParameterLocation.Query, JsonSchemaType.Integer, "0 to 5, accepted for Coco's clients; 2 and more are reported as ignored in a Warning header."),
    ];

    private static RouteHandlerBuilder Errors(this RouteHandlerBuilder route, params int[] statuses)
    {
        // Every route can also answer 401 (no valid token), 403 (permission missing; protected mode), 429 (rate limited,
        // with Retry-After) and 503 (the store is unavailable, or the server is shutting down).
        foreach (var status in statuses.Concat([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
            StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable]).Distinct())
        {
            route.Produces<CocoErrorSchema>(status, Json);
        }

        return route;
    }
}
