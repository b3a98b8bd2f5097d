using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>Coco's answer to a write: <c>{"_id": …, "result": "created"}</c>.</summary>
[Description("The answer to a write; the ETag header carries the connector's new version.")]
public sealed record CocoWriteResultSchema(
    [property: JsonPropertyName("_id")] string Id,
    [property: Description("created, updated, deleted, or not_found (with 404).")] string Result);
