using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>The body <c>POST /connector/_search</c> accepts; each member may also be a URL parameter, which wins.</summary>
[Description("The search as a JSON body; the URL parameters of the same names win over it.")]
public sealed record CocoSearchBodySchema(
    string? Query = null,
    [property: Description("One filter or a list (all must hold).")] JsonNode? Filter = null,
    [property: Description("\"field:dir,…\", or Elasticsearch's [{\"field\": \"asc\"}] / [{\"field\": {\"order\": \"asc\"}}].")] JsonNode? Sort = null,
    int? Size = null,
    int? From = null,
    [property: JsonPropertyName("_source_includes")] JsonNode? SourceIncludes = null,
    [property: JsonPropertyName("_source_excludes")] JsonNode? SourceExcludes = null,
    [property: JsonPropertyName("default_operator")] string? DefaultOperator = null,
    int? Fuzziness = null,
    [property: Description("Terms aggregations on category: {\"name\": {\"terms\": {\"field\": \"category\", \"size\": 10}}}.")] JsonObject? Aggs = null);
