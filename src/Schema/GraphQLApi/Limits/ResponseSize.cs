using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// How many bytes a resolved value takes at least once serialized as JSON: each character of text counts one, each
/// piece of JSON punctuation one. Values that are not text, JSON or lists of text count zero (their number is bounded
/// by the cost model, their size by their type).
/// </summary>
public static class ResponseSize
{
    public static long LowerBound(object? value) => value switch
    {
        string text => text.Length + 2,
        JsonNode node => Of(node),
        JsonElement element => element.ValueKind == JsonValueKind.Undefined ? 0 : element.GetRawText().Length,
        IEnumerable<string?> texts => 2 + texts.Sum(t => (t?.Length ?? 4) + 3L),
        IEnumerable<KeyValuePair<string, string>> pairs => 2 + pairs.Sum(p => p.Key.Length + p.Value.Length + 6L),
        _ => 0,
    };

    private static long Of(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return 4;
            case JsonObject obj:
                var objectSize = 2L;
                foreach (var (key, item) in obj)
                {
                    objectSize += key.Length + 4 + Of(item);
                }

                return objectSize;
            case JsonArray array:
                var arraySize = 2L;
                foreach (var item in array)
                {
                    arraySize += 1 + Of(item);
                }

                return arraySize;
            default:
                return node.GetValueKind() == JsonValueKind.String && node.AsValue().TryGetValue<string>(out var text) ? text.Length + 2 : 1;
        }
    }
}
