using System.Text.Json.Nodes;

namespace Coco.Connectors.Domain;

/// <summary>RFC 7386 JSON Merge Patch over Coco documents.</summary>
public static class MergePatch
{
    /// <summary>RFC 7386 JSON Merge Patch: objects merge key by key, null removes, anything else replaces.</summary>
    public static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        var result = (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject patchObject)
            {
                result[key] = Apply(result[key] as JsonObject ?? [], patchObject);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        return result;
    }
}
