using System.Text.Json.Nodes;

namespace Coco.Connectors.Server.Rest;

/// <summary>
/// <c>_source_includes</c> / <c>_source_excludes</c>: dotted paths (a trailing <c>*</c> matches a prefix) that keep or
/// drop parts of an already masked <c>_source</c>. <c>id</c> is always kept, as in Coco.
/// </summary>
public static class SourceFilter
{
    public static JsonObject Apply(JsonObject source, IReadOnlyList<string> includes, IReadOnlyList<string> excludes)
    {
        if (includes.Count == 0 && excludes.Count == 0)
        {
            return source;
        }

        var result = Filter(source, "", includes, excludes);
        result["id"] ??= source["id"]?.DeepClone();
        return result;
    }

    /// <summary>Whether any part of the top-level field <paramref name="field"/> survives the filter.</summary>
    public static bool Keeps(string field, IReadOnlyList<string> includes, IReadOnlyList<string> excludes) =>
        Apply(new JsonObject { [field] = new JsonObject() }, includes, excludes).ContainsKey(field);

    private static JsonObject Filter(JsonObject obj, string prefix, IReadOnlyList<string> includes, IReadOnlyList<string> excludes)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            var path = prefix + key;
            if (excludes.Any(p => Matches(p, path)))
            {
                continue;
            }

            var included = includes.Count == 0 || includes.Any(p => Matches(p, path));
            var below = path + ".";
            var descend = value is JsonObject
                && ((!included && includes.Any(p => p.StartsWith(below, StringComparison.Ordinal)))
                    || excludes.Any(p => p.StartsWith(below, StringComparison.Ordinal)));
            if (descend)
            {
                result[key] = Filter((JsonObject)value!, below, included ? [] : includes, excludes);
            }
            else if (included)
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    // A pattern matches the path itself, anything below it, or (with a trailing '*') any path with its prefix.
    private static bool Matches(string pattern, string path) => pattern.EndsWith('*')
        ? path.StartsWith(pattern[..^1], StringComparison.Ordinal)
        : path == pattern || path.StartsWith(pattern + ".", StringComparison.Ordinal);
}
