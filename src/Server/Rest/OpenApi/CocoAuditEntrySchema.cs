using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>One audited write: who, what, when — never the connector's config.</summary>
public sealed record CocoAuditEntrySchema(
    [property: JsonPropertyName("seq"), Description("Position in the log; pass the page's next as before= for older entries.")] long Seq,
    [property: JsonPropertyName("at"), Description("When the write committed (UTC, RFC 3339).")] DateTimeOffset At,
    [property: JsonPropertyName("caller"), Description("The API token's name; local or anonymous when the server is open.")] string Caller,
    [property: JsonPropertyName("connector_id")] string ConnectorId,
    [property: JsonPropertyName("kind"), Description("created, updated or deleted.")] string Kind,
    [property: JsonPropertyName("version"), Description("The connector's version after the write.")] long Version,
    [property: JsonPropertyName("request_id")] string? RequestId);
