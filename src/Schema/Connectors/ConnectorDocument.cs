using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Secrets;

namespace Coco.Connectors.Connectors;

/// <summary>
/// The connector as a Coco JSON document (snake_case, CONTRACT §1): rendering for REST and merge patches, and
/// reading a client's document back into validated fields with reasons that name the field.
/// </summary>
public static class ConnectorDocument
{
    /// <summary>The full document. Secrets are masked unless <paramref name="maskSecrets"/> is false (write path only).</summary>
    public static JsonObject ToJson(Connector c, bool maskSecrets = true)
    {
        var doc = new JsonObject
        {
            ["id"] = c.Id,
            ["created"] = FormatTime(c.Created),
            ["updated"] = FormatTime(c.Updated),
            ["name"] = c.Name,
        };
        AddIfNotNull(doc, "description", c.Description);
        AddIfNotNull(doc, "category", c.Category);
        AddIfNotNull(doc, "icon", c.Icon);
        doc["tags"] = new JsonArray([.. c.Tags.Select(t => JsonValue.Create(t))]);
        AddIfNotNull(doc, "url", maskSecrets ? SecretPolicy.MaskUrlPasswords(c.Url) : c.UrlWithPassword ?? c.Url);
        doc["path_hierarchy"] = c.PathHierarchy;
        var assets = new JsonObject();
        if (c.AssetIcons.Count > 0)
        {
            assets["icons"] = new JsonObject(c.AssetIcons.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }

        doc["assets"] = assets;
        doc["builtin"] = c.Builtin;
        if (c.Config is not null)
        {
            doc["config"] = maskSecrets ? SecretPolicy.MaskConfig(c.Config) : c.Config.DeepClone();
        }

        doc["oauth_connect_implemented"] = c.OauthConnectImplemented;
        var processor = new JsonObject { ["enabled"] = c.Processor.Enabled };
        AddIfNotNull(processor, "name", c.Processor.Name);
        doc["processor"] = processor;
        doc["enabled"] = c.Enabled;
        return doc;
    }

    public static string FormatTime(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static void AddIfNotNull(JsonObject doc, string key, string? value)
    {
        if (value is not null)
        {
            doc[key] = value;
        }
    }

    /// <summary>Reads the client-owned fields of <paramref name="doc"/>; absent or null fields take their defaults.</summary>
    public static ConnectorFields Read(JsonObject doc, List<ConnectorError> errors)
    {
        if (PathWithNul(doc, "") is { } nul)
        {
            // PostgreSQL cannot store U+0000 in text; refusing it everywhere keeps both stores answering alike.
            errors.Add(new FieldInvalid(nul, $"{nul} must not contain the NUL character (U+0000)"));
        }

        var reader = new FieldReader(doc, errors);
        var name = reader.String("name", ConnectorLimits.NameMaxLength)?.Trim();
        if (name is null && !reader.Failed("name"))
        {
            errors.Add(new FieldInvalid("name", "name is required"));
        }
        else if (name is { Length: 0 })
        {
            errors.Add(new FieldInvalid("name", "name must not be blank"));
        }

        var assets = reader.Object("assets");
        var processor = reader.Object("processor") is { } p ? new FieldReader(p, errors, "processor.") : null;
        return new ConnectorFields(
            Name: name ?? "",
            Description: reader.String("description", ConnectorLimits.DescriptionMaxLength),
            Category: reader.String("category", ConnectorLimits.ShortTextMaxLength),
            Icon: reader.String("icon", ConnectorLimits.LinkMaxLength),
            Tags: reader.Tags("tags"),
            Url: reader.Url("url"),
            PathHierarchy: reader.Bool("path_hierarchy") ?? false,
            AssetIcons: assets is null ? [] : new FieldReader(assets, errors, "assets.").IconMap("icons"),
            Config: reader.Config("config"),
            OauthConnectImplemented: reader.Bool("oauth_connect_implemented") ?? false,
            ProcessorEnabled: processor?.Bool("enabled") ?? false,
            ProcessorName: processor?.String("name", ConnectorLimits.ShortTextMaxLength),
            Enabled: reader.Bool("enabled") ?? true);
    }

    /// <summary>The path of the first key or string value holding U+0000, or null when there is none.</summary>
    private static string? PathWithNul(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    if (key.Contains('\0', StringComparison.Ordinal))
                    {
                        return path.Length == 0 ? "document" : path;
                    }

                    if (PathWithNul(value, child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (PathWithNul(array[i], $"{path}[{i}]") is { } found)
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

    /// <summary>RFC 7386 JSON Merge Patch: objects merge key by key, null removes, anything else replaces.</summary>
    public static JsonObject MergePatch(JsonObject target, JsonObject patch)
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
                result[key] = MergePatch(result[key] as JsonObject ?? [], patchObject);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        return result;
    }

    private sealed class FieldReader(JsonObject doc, List<ConnectorError> errors, string prefix = "")
    {
        private readonly HashSet<string> _failed = [];

        public bool Failed(string key) => _failed.Contains(key);

        private JsonNode? Get(string key) => doc[key];

        private void Fail(string key, string reason)
        {
            _failed.Add(key);
            errors.Add(new FieldInvalid(prefix + key, $"{prefix}{key} {reason}"));
        }

        public string? String(string key, int maxLength)
        {
            var node = Get(key);
            if (node is null)
            {
                return null;
            }

            if (node.GetValueKind() != JsonValueKind.String)
            {
                Fail(key, "must be a string");
                return null;
            }

            var text = node.GetValue<string>();
            if (text.Length > maxLength)
            {
                Fail(key, $"must be at most {maxLength} characters long");
                return null;
            }

            return text;
        }

        public bool? Bool(string key)
        {
            var node = Get(key);
            if (node is null)
            {
                return null;
            }

            if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                return node.GetValue<bool>();
            }

            Fail(key, "must be a boolean");
            return null;
        }

        public JsonObject? Object(string key)
        {
            var node = Get(key);
            if (node is null || node is JsonObject)
            {
                return (JsonObject?)node;
            }

            Fail(key, "must be an object");
            return null;
        }

        public string? Url(string key)
        {
            var text = String(key, ConnectorLimits.LinkMaxLength);
            if (text is { Length: > 0 } && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                Fail(key, "must be an absolute http or https URL");
                return null;
            }

            return text;
        }

        public List<string> Tags(string key)
        {
            var node = Get(key);
            if (node is null)
            {
                return [];
            }

            if (node is not JsonArray array)
            {
                Fail(key, "must be an array of strings");
                return [];
            }

            if (array.Count > ConnectorLimits.MaxTags)
            {
                Fail(key, $"must have at most {ConnectorLimits.MaxTags} entries");
                return [];
            }

            var tags = new List<string>(array.Count);
            foreach (var item in array)
            {
                if (item is null || item.GetValueKind() != JsonValueKind.String)
                {
                    Fail(key, "must be an array of strings");
                    return [];
                }

                var tag = item.GetValue<string>().Trim();
                if (tag.Length is 0 or > ConnectorLimits.ShortTextMaxLength)
                {
                    Fail(key, $"entries must be 1 to {ConnectorLimits.ShortTextMaxLength} characters long");
                    return [];
                }

                if (!tags.Contains(tag, StringComparer.Ordinal))
                {
                    tags.Add(tag);
                }
            }

            return tags;
        }

        public Dictionary<string, string> IconMap(string key)
        {
            var obj = Object(key);
            if (obj is null)
            {
                return [];
            }

            if (obj.Count > ConnectorLimits.MaxIcons)
            {
                Fail(key, $"must have at most {ConnectorLimits.MaxIcons} entries");
                return [];
            }

            var icons = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in obj)
            {
                if (value is null || value.GetValueKind() != JsonValueKind.String)
                {
                    Fail(key, "must map icon keys to strings");
                    return [];
                }

                icons[name] = value.GetValue<string>();
            }

            return icons;
        }

        public JsonObject? Config(string key)
        {
            var node = Get(key);
            if (node is null)
            {
                return null;
            }

            if (node is not JsonObject obj)
            {
                Fail(key, "must be an object");
                return null;
            }

            // Sized and measured as readers see it, each secret at a fixed size, so that no answer depends on how long
            // or how deep a stored secret is (a merge patch could otherwise pad the document to find out).
            var secrets = SecretPolicy.SecretValues(obj);
            var masked = SecretPolicy.MaskConfig(obj)!;
            var counted = System.Text.Encoding.UTF8.GetByteCount(masked.ToJsonString()) + ((long)secrets.Count * ConnectorLimits.MaxSecretBytes);
            if (counted > ConnectorLimits.MaxConfigBytes)
            {
                Fail(key, $"must be at most {ConnectorLimits.MaxConfigBytes} bytes of JSON, each secret counted as {ConnectorLimits.MaxSecretBytes} bytes");
                return null;
            }

            if (JsonDepth.Of(masked) > ConnectorLimits.MaxConfigDepth)
            {
                Fail(key, $"must nest objects and arrays at most {ConnectorLimits.MaxConfigDepth} levels deep");
                return null;
            }

            if (secrets.FirstOrDefault(s => s.Bytes > ConnectorLimits.MaxSecretBytes || s.Depth > ConnectorLimits.MaxSecretDepth) is { } tooBig)
            {
                _failed.Add(key);
                errors.Add(new FieldInvalid(tooBig.Path,
                    $"{tooBig.Path} is a secret: it must be at most {ConnectorLimits.MaxSecretBytes} bytes of JSON and nest at most {ConnectorLimits.MaxSecretDepth} levels deep"));
                return null;
            }

            return (JsonObject)obj.DeepClone();
        }
    }
}

/// <summary>The client-owned fields of a connector, validated.</summary>
public sealed record ConnectorFields(
    string Name,
    string? Description,
    string? Category,
    string? Icon,
    List<string> Tags,
    string? Url,
    bool PathHierarchy,
    Dictionary<string, string> AssetIcons,
    JsonObject? Config,
    bool OauthConnectImplemented,
    bool ProcessorEnabled,
    string? ProcessorName,
    bool Enabled)
{
    public void ApplyTo(Connector c)
    {
        c.Name = Name;
        c.Description = Description;
        c.Category = Category;
        c.Icon = Icon;
        c.Tags = Tags;
        c.Url = SecretPolicy.MaskUrlPasswords(Url);
        c.UrlWithPassword = c.Url == Url ? null : Url;
        c.PathHierarchy = PathHierarchy;
        c.AssetIcons = AssetIcons;
        c.Config = Config;
        c.OauthConnectImplemented = OauthConnectImplemented;
        c.Processor = new ConnectorProcessor { Enabled = ProcessorEnabled, Name = ProcessorName };
        c.Enabled = Enabled;
        c.SearchText = SearchTextOf(this);
    }

    private static string SearchTextOf(ConnectorFields f) =>
        string.Join('\n', new[] { f.Name, f.Description, f.Category, f.ProcessorName }.Concat(f.Tags)
            .Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
}
