using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Querying;
using SortKey = Coco.Connectors.Querying.SortKey;

namespace Coco.Connectors.Server.Rest;

/// <summary>
/// The parameters of <c>_search</c>, from the URL and (for POST) a JSON body; URL values win, as in Coco.
/// Compiles to the same <see cref="ConnectorQuery"/> GraphQL uses.
/// </summary>
public sealed record SearchRequest(
    string? Query,
    IReadOnlyList<string> Filters,
    string? Sort,
    int From,
    int Size,
    IReadOnlyList<string> SourceIncludes,
    IReadOnlyList<string> SourceExcludes,
    IReadOnlyList<CategoryAggregation> Aggregations)
{
    /// <summary>Whether every word of <c>query</c> must match (default) or any (<c>default_operator=OR</c>).</summary>
    public CocoDefaultOperator DefaultOperator { get; init; }

    /// <summary>Coco's <c>fuzziness</c> (0–5). 0 and 1 are plain matching, which is what runs; 2 and up are reported ignored.</summary>
    public int Fuzziness { get; init; }

    /// <summary>What this request asked for that the search does not do, for the response's <c>Warning</c> header.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = new List<string>();
            if (Fuzziness >= 2)
            {
                warnings.Add($"fuzziness={Fuzziness} is ignored: words match as case-insensitive substrings, without fuzzy or prefix boosts");
            }

            if (RestSort.AsksForScore(Sort))
            {
                warnings.Add("sort=_score is ignored: there is no relevance score, so the other sort keys (or the default created:desc) apply");
            }

            return warnings;
        }
    }

    public const int DefaultSize = 10;
    public const int MaxSize = 1000;

    /// <summary>Deep offsets cost a scan each; cursor paging (GraphQL <c>connectors</c>) is the way through large sets.</summary>
    public const int MaxFrom = 1_000_000;

    public static SearchRequest Parse(IQueryCollection url, JsonObject? body)
    {
        string? Text(string name) => url.TryGetValue(name, out var v) ? v.ToString() : BodyText(body, name);

        var filters = url["filter"].Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!).ToList();
        if (filters.Count == 0)
        {
            filters = BodyList(body, "filter");
        }

        return new SearchRequest(
            Query: Text("query"),
            Filters: filters,
            Sort: Text("sort"),
            From: Number(Text("from"), "from", 0, 0, MaxFrom),
            Size: Number(Text("size"), "size", DefaultSize, 0, MaxSize),
            SourceIncludes: List(Text("_source_includes")),
            SourceExcludes: List(Text("_source_excludes")),
            Aggregations: CategoryAggregation.Parse(body?["aggs"] ?? body?["aggregations"]))
        {
            DefaultOperator = Operator(Text("default_operator")),
            Fuzziness = Number(Text("fuzziness"), "fuzziness", 0, 0, 5),
        };
    }

    public ConnectorQuery ToQuery() =>
        new(Predicates.And([CocoQueryText.Build(Query, DefaultOperator), CocoFilterSyntax.Compile(Filters)]), RestSort.Parse(Sort));

    private static CocoDefaultOperator Operator(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "AND" => CocoDefaultOperator.And,
        "OR" => CocoDefaultOperator.Or,
        _ => throw new QueryException("default_operator", $"default_operator must be AND or OR, not '{text}'"),
    };

    private static int Number(string? text, string name, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new QueryException(name, $"{name} must be a whole number from {min} to {max}, not '{text}'");
        }

        return value;
    }

    private static List<string> List(string? text) =>
        text is null ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? BodyText(JsonObject? body, string name) => body?[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        JsonArray a when name is "sort" or "_source_includes" or "_source_excludes" => string.Join(',', a.Select(SortText)),
        JsonObject when name == "query" => throw new QueryException("query",
            "query must be a string; Elasticsearch query DSL objects are not supported (use query and filter parameters)"),
        var other => throw new QueryException(name, $"{name} has the wrong JSON type ({other.GetValueKind().ToString().ToLowerInvariant()})"),
    };

    // Elasticsearch's sort forms: "name:asc", {"name": "asc"} and {"name": {"order": "asc"}}.
    private static string SortText(JsonNode? item) => item switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonObject { Count: 1 } o => o.First() switch
        {
            (var field, JsonValue dir) => $"{field}:{dir}",
            (var field, JsonObject spec) when spec["order"] is JsonValue dir => $"{field}:{dir}",
            _ => throw new QueryException("sort", "sort entries are \"field:direction\" or {\"field\": \"asc|desc\"}"),
        },
        _ => throw new QueryException("sort", "sort entries are \"field:direction\" or {\"field\": \"asc|desc\"}"),
    };

    private static List<string> BodyList(JsonObject? body, string name) => body?[name] switch
    {
        null => [],
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        JsonArray a when a.All(i => i?.GetValueKind() == JsonValueKind.String) => [.. a.Select(i => i!.GetValue<string>())],
        _ => throw new QueryException(name, $"{name} must be a string or an array of strings"),
    };
}
