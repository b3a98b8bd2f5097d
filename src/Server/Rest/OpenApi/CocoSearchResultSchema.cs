using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>The Elasticsearch-shaped answer of <c>_search</c>.</summary>
public sealed record CocoSearchResultSchema(
    [property: Description("Milliseconds the search took.")] int Took,
    [property: JsonPropertyName("timed_out")] bool TimedOut,
    CocoSearchHitsSchema Hits,
    [property: Description("Present when the request asked for aggs: per name, {\"buckets\": [{\"key\": category, \"doc_count\": n}]}.")]
    IReadOnlyDictionary<string, CocoAggregationSchema>? Aggregations = null);
