using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coco.Connectors.Domain;

/// <summary>
/// Finds U+0000 in a document. PostgreSQL text cannot hold it, so both stores refuse it alike.
/// </summary>
public static class NulCharacters
{
    /// <summary>
    /// Whether <paramref name="text"/> holds U+0000: such an id names no connector (none can be stored), and PostgreSQL
    /// would refuse the lookup as an error, so lookups answer "not found" without asking the store.
    /// </summary>
    public static bool In(string text) => text.Contains('\0', StringComparison.Ordinal);

    /// <summary>The path of the first key or string value holding U+0000, or null when there is none.</summary>
    public static string? FirstPath(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key.Contains('\0', StringComparison.Ordinal))
                    {
                        return path.Length == 0 ? "document" : path;
                    }

                    if (FirstPath(value, path.Length == 0 ? key : $"{path}.{key}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FirstPath(array[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>().Contains('\0', StringComparison.Ordinal) ? path : null;
            default:
                return null;
        }
    }
}
