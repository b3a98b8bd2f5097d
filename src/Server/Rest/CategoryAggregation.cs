using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Querying;
using SortKey = Coco.Connectors.Querying.SortKey;

namespace Coco.Connectors.Server.Rest;

/// <summary>The one aggregation Coco's UI asks for: <c>{"aggs": {"name": {"terms": {"field": "category", "size": n}}}}</c>.</summary>
public sealed record CategoryAggregation(string Name, int Size)
{
    /// <summary>Named aggregations one search may ask for (Coco's UI asks for one); each is an answer of up to 1,000 buckets.</summary>
    public const int MaxAggregations = 10;

    public static IReadOnlyList<CategoryAggregation> Parse(JsonNode? aggs)
    {
        if (aggs is null)
        {
            return [];
        }

        if (aggs is not JsonObject named)
        {
            throw new QueryException("aggs", "aggs must be an object of named aggregations");
        }

        if (named.Count > MaxAggregations)
        {
            throw new QueryException("aggs", $"at most {MaxAggregations} aggregations may be asked for at once; this request asked for {named.Count}");
        }

        return [.. named.Select(pair =>
        {
            var terms = (pair.Value as JsonObject)?["terms"] as JsonObject;
            if (terms is null || (terms["field"] as JsonValue)?.ToString() != "category")
            {
                throw new QueryException("aggs", $"aggregation '{pair.Key}': only a terms aggregation on the category field is supported");
            }

            var size = terms["size"] is JsonValue s && s.TryGetValue<int>(out var n) ? n : 10;
            if (size is < 1 or > SearchRequest.MaxSize)
            {
                throw new QueryException("aggs", $"aggregation '{pair.Key}': size must be from 1 to {SearchRequest.MaxSize}");
            }

            return new CategoryAggregation(pair.Key, size);
        })];
    }
}
