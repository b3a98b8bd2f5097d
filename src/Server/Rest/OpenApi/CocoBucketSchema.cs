using System.Text.Json.Serialization;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>One bucket of a category aggregation.</summary>
public sealed record CocoBucketSchema(string? Key, [property: JsonPropertyName("doc_count")] int DocCount);
