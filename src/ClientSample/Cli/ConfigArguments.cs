using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coco.Connectors.ClientSample.Cli;

/// <summary>
/// <c>--config key=value</c> options as a JSON object. A value that reads as JSON (<c>5432</c>, <c>true</c>,
/// <c>null</c>, <c>["a"]</c>, <c>"quoted"</c>) is sent as that JSON; anything else as a string. On update the
/// object is merged key by key, and <c>key=null</c> removes a key.
/// </summary>
internal static class ConfigArguments
{
    public static JsonElement? Parse(IReadOnlyList<string> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        var config = new JsonObject();
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new UsageException($"--config takes key=value, not '{pair}'");
            }

            config[pair[..at]] = Value(pair[(at + 1)..]);
        }

        return JsonSerializer.SerializeToElement(config);
    }

    private static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
