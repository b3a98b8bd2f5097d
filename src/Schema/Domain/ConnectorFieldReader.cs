using System.Text.Json;
using System.Text.Json.Nodes;
using Coco.Connectors.Secrets;
using Coco.Connectors.Secrets.AtRest;

namespace Coco.Connectors.Domain;

/// <summary>Reads and checks one level of a Coco document, recording each refused field once.</summary>
internal sealed class ConnectorFieldReader(JsonObject doc, List<ConnectorError> errors, FieldPath? parent = null)
{
    private readonly HashSet<string> _failed = [];

    public bool Failed(string key) => _failed.Contains(key);

    private JsonNode? Get(string key) => doc[key];

    private FieldPath PathOf(string key) => parent?.Then(key) ?? FieldPath.Of(key);

    private void Fail(string key, string reason)
    {
        _failed.Add(key);
        errors.Add(new ValidationError(PathOf(key), reason));
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

        // Stored text shaped like an encrypted secret is read as one: a client's copy could stop the server's start
        // (a key that is not configured) or every read of the connector, so no write may carry one.
        if (SecretCipher.HoldsCiphertext(obj))
        {
            Fail(key, $"must not hold values shaped like secrets encrypted at rest ({SecretCipher.Prefix}<key id>:…)");
            return null;
        }

        if (secrets.FirstOrDefault(s => s.Bytes > ConnectorLimits.MaxSecretBytes || s.Depth > ConnectorLimits.MaxSecretDepth) is { } tooBig)
        {
            _failed.Add(key);
            errors.Add(new ValidationError(FieldPath.Parse(tooBig.Path),
                $"is a secret: it must be at most {ConnectorLimits.MaxSecretBytes} bytes of JSON and nest at most {ConnectorLimits.MaxSecretDepth} levels deep"));
            return null;
        }

        return (JsonObject)obj.DeepClone();
    }
}
