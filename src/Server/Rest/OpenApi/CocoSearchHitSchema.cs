using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>One hit of a search answer.</summary>
public sealed record CocoSearchHitSchema(
    [property: JsonPropertyName("_index"), Description("Always connector.")] string Index,
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("_source"), Description("The connector, with only the fields _source_includes/_source_excludes leave.")] CocoConnectorSchema Source);
