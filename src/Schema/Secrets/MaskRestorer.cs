using System.Text;
using System.Text.Json.Nodes;

namespace Coco.Connectors.Secrets;

/// <summary>
/// Puts stored secrets back where a write carries the mask, walking the incoming value beside the stored one:
/// objects key by key; arrays element by element (see <see cref="RestoreArray"/>); a URL's masked password from the
/// stored URL with the same scheme, user, host and port. A mask that stands for nothing is recorded, never stored.
/// </summary>
internal sealed class MaskRestorer
{
    private const string NothingStored = $"is the mask \"{SecretPolicy.Mask}\" but no secret is stored there";
    private const string NoSuchElement =
        $"is the mask \"{SecretPolicy.Mask}\" but its array element matches no stored element; send that element's secrets again";
    private const string UrlElsewhere =
        $"has the mask \"{SecretPolicy.Mask}\" as a URL password, but no stored URL with that scheme, user, host and port has a password; send the password again";

    private readonly List<UnresolvedMask> _unresolved = [];

    public IReadOnlyList<UnresolvedMask> Unresolved => _unresolved;

    public void RestoreObject(JsonObject incoming, JsonObject? stored, string path) =>
        Restore(incoming, stored, secret: false, path, NothingStored);

    /// <summary>The text with masked URL passwords restored from <paramref name="stored"/> (unchanged if none can be).</summary>
    public string RestoreText(string text, string? stored, string path)
    {
        if (!text.Contains(SecretPolicy.Mask, StringComparison.Ordinal))
        {
            return text;
        }

        var spans = UrlPasswords.Find(text);
        if (!spans.Exists(s => IsMaskAt(text, s)))
        {
            return text;
        }

        var storedSpans = stored is null ? [] : UrlPasswords.Find(stored);
        var passwords = new string[spans.Count];
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            passwords[i] = text.Substring(span.Start, span.Length);
            if (!IsMaskAt(text, span))
            {
                continue;
            }

            var destination = UrlPasswords.Destination(text, spans, i);
            var match = i < storedSpans.Count && UrlPasswords.Destination(stored!, storedSpans, i) == destination
                ? i
                : Enumerable.Range(0, storedSpans.Count).FirstOrDefault(j => UrlPasswords.Destination(stored!, storedSpans, j) == destination, -1);
            if (match < 0 || IsMaskAt(stored!, storedSpans[match]))
            {
                _unresolved.Add(new UnresolvedMask(path, UrlElsewhere));
                return text;
            }

            passwords[i] = stored!.Substring(storedSpans[match].Start, storedSpans[match].Length);
        }

        return UrlPasswords.Replace(text, spans, i => passwords[i]);
    }

    // Returns what stands in place of `incoming`: the same node unless a mask was replaced.
    private JsonNode? Restore(JsonNode? incoming, JsonNode? stored, bool secret, string path, string reasonIfNothingStored)
    {
        switch (incoming)
        {
            case JsonObject obj:
                var storedObject = stored as JsonObject;
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    var restored = Restore(child, storedObject?[key], secret || SecretPolicy.IsSecretKey(key), $"{path}.{key}",
                        storedObject is null ? reasonIfNothingStored : NothingStored);
                    if (!ReferenceEquals(restored, child))
                    {
                        obj[key] = restored;
                    }
                }

                return obj;
            case JsonArray array:
                RestoreArray(array, stored as JsonArray, secret, path, reasonIfNothingStored);
                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (secret && text == SecretPolicy.Mask)
                {
                    if (stored is null)
                    {
                        _unresolved.Add(new UnresolvedMask(path, reasonIfNothingStored));
                        return incoming;
                    }

                    return stored.DeepClone();
                }

                var storedText = stored is JsonValue storedValue && storedValue.TryGetValue<string>(out var s) ? s : null;
                var restoredText = RestoreText(text, storedText, path);
                return ReferenceEquals(restoredText, text) ? incoming : JsonValue.Create(restoredText);
            default:
                return incoming;
        }
    }

    /// <summary>
    /// Array elements have no names, so each element that carries a mask is matched to the stored element it came
    /// from: inside a secret (<c>"tokens": ["******", "new"]</c>, whose elements were never shown) by position; elsewhere
    /// (<c>"accounts": [{"user": "b", "password": "******"}]</c>) the stored element that reads the same once masked,
    /// preferring the same position, so removing or moving elements keeps each secret with its own element.
    /// </summary>
    private void RestoreArray(JsonArray array, JsonArray? stored, bool secret, string path, string reasonIfNothingStored)
    {
        string[]? storedPrints = null;
        for (var i = 0; i < array.Count; i++)
        {
            var element = array[i];
            if (!NeedsRestore(element, secret))
            {
                continue;
            }

            JsonNode? match = null;
            if (stored is not null && secret)
            {
                match = i < stored.Count ? stored[i] : null;
            }
            else if (stored is not null)
            {
                storedPrints ??= [.. stored.Select(e => Fingerprint(e))];
                var print = Fingerprint(element);
                var index = i < storedPrints.Length && storedPrints[i] == print ? i : Array.IndexOf(storedPrints, print);
                match = index < 0 ? null : stored[index];
            }

            var reason = stored is null ? reasonIfNothingStored : secret ? NothingStored : NoSuchElement;
            var restored = Restore(element, match, secret, $"{path}[{i}]", reason);
            if (!ReferenceEquals(restored, element))
            {
                array[i] = restored;
            }
        }
    }

    private static bool NeedsRestore(JsonNode? node, bool secret) => node switch
    {
        JsonObject obj => obj.Any(p => NeedsRestore(p.Value, secret || SecretPolicy.IsSecretKey(p.Key))),
        JsonArray array => array.Any(e => NeedsRestore(e, secret)),
        JsonValue value when value.TryGetValue<string>(out var text) =>
            (secret && text == SecretPolicy.Mask) || UrlPasswords.Find(text).Exists(s => IsMaskAt(text, s)),
        _ => false,
    };

    private static bool IsMaskAt(string text, UrlPasswords.Span span) =>
        span.Length == SecretPolicy.Mask.Length && string.CompareOrdinal(text, span.Start, SecretPolicy.Mask, 0, span.Length) == 0;

    // The element as every reader sees it (secrets masked), with keys in a fixed order.
    private static string Fingerprint(JsonNode? node)
    {
        var print = new StringBuilder();
        Write(SecretPolicy.MaskNode(node), print);
        return print.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder print)
    {
        switch (node)
        {
            case JsonObject obj:
                print.Append('{');
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    print.Append('"').Append(System.Text.Json.JsonEncodedText.Encode(key).Value).Append("\":");
                    Write(value, print);
                    print.Append(',');
                }

                print.Append('}');
                break;
            case JsonArray array:
                print.Append('[');
                foreach (var element in array)
                {
                    Write(element, print);
                    print.Append(',');
                }

                print.Append(']');
                break;
            default:
                print.Append(node?.ToJsonString() ?? "null");
                break;
        }
    }
}
