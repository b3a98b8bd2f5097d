using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Secrets;

namespace Coco.Connectors.Domain;

/// <summary>
/// Renders a connector as its Coco JSON document (snake_case, CONTRACT §1), for REST and for merge patches; the way
/// back is <see cref="ConnectorFields.Read"/>.
/// </summary>
public static class ConnectorDocument
{
    /// <summary>The full document. Secrets are masked unless <paramref name="maskSecrets"/> is false (write path only).</summary>
    public static JsonObject ToJson(Connector c, bool maskSecrets = true)
    {
        var doc = new JsonObject
        {
            ["id"] = c.Id,
            ["created"] = Rfc3339.Format(c.Created),
            ["updated"] = Rfc3339.Format(c.Updated),
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

    private static void AddIfNotNull(JsonObject doc, string key, string? value)
    {
        if (value is not null)
        {
            doc[key] = value;
        }
    }
}
