using System.Globalization;
using System.Text.Json;

namespace Coco.Connectors.Client;

/// <summary>
/// Reads response JSON for the generated records: every value is checked against the type the schema promises,
/// so a mismatch is a <see cref="GraphQLResponseException"/> naming the field, never a silent null or default.
/// </summary>
internal static class GraphQLJson
{
    public static JsonElement Field(JsonElement json, string name, string path)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Mismatch(path[..path.LastIndexOf('.')], "an object", json);
        }

        return json.TryGetProperty(name, out var value) ? value : throw new GraphQLResponseException($"The response has no field {path}.");
    }

    public static string Typename(JsonElement json, string abstractType) =>
        String(Field(json, "__typename", abstractType + ".__typename"), abstractType + ".__typename");

    public static bool IsNull(JsonElement value) => value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public static string String(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Mismatch(path, "a string", value);

    public static int Int(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw Mismatch(path, "an Int", value);

    public static double Float(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Mismatch(path, "a Float", value);

    public static bool Boolean(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Mismatch(path, "a Boolean", value),
    };

    public static DateTimeOffset DateTime(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw Mismatch(path, "a DateTime", value);

    /// <summary>A JSON scalar as sent. Response documents are cloned once whole, so the element outlives the read.</summary>
    public static JsonElement Json(JsonElement value, string path) =>
        IsNull(value) ? throw Mismatch(path, "a JSON value", value) : value;

    public static IReadOnlyList<T> List<T>(JsonElement value, string path, Func<JsonElement, T> item)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Mismatch(path, "a list", value);
        }

        var items = new T[value.GetArrayLength()];
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            items[index++] = item(element);
        }

        return items;
    }

    public static void WriteDateTime(Utf8JsonWriter writer, DateTimeOffset value) => writer.WriteStringValue(value);

    public static GraphQLResponseException UnknownType(string typename, string abstractType) =>
        new($"The server sent a {abstractType} of type '{typename}', which the client does not know; regenerate it from the server's schema.");

    public static GraphQLResponseException UnknownEnumValue(string value, string path) =>
        new($"The server sent '{value}' for {path}, a value the client does not know; regenerate it from the server's schema.");

    private static GraphQLResponseException Mismatch(string path, string expected, JsonElement value) =>
        new($"The response field {path} should be {expected} but is {(IsNull(value) ? "null" : value.ValueKind.ToString().ToLowerInvariant())}.");
}
