using System.Text.Json.Serialization;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>Coco's answer to a read: <c>{"_id", "_source", "found"}</c> (only <c>_id</c> and <c>found: false</c> with 404).</summary>
public sealed record CocoGetResultSchema(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("_source")] CocoConnectorSchema? Source,
    bool Found);
