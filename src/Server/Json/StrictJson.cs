using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Coco.Connectors.GraphQLApi.Limits;

namespace Coco.Connectors.Server.Json;

/// <summary>
/// The one reader of client JSON, used by every entry point (REST bodies, GraphQL requests over HTTP, SSE and
/// WebSocket, GET <c>variables</c>/<c>extensions</c>). Beyond the syntax it refuses what would otherwise fail deep
/// inside a handler: bytes that are not UTF-8, a key given twice in one object (compared after unescaping, so
/// <c>"pass\u0077ord"</c> is <c>"password"</c>: a second value can never slip past the secret policy), and
/// <c>\uXXXX</c> escapes that leave half of a UTF-16 surrogate pair (such text cannot become a string).
/// </summary>
public static class StrictJson
{
    /// <summary>Nesting allowed in any request; connector documents have their own, lower limit.</summary>
    public const int MaxDepth = 64;

    private const int MaxKeyShown = 64;
    private const int SmallObject = 8;

    public static bool TryParse(ReadOnlyMemory<byte> utf8, [NotNullWhen(true)] out JsonDocument? document,
        [NotNullWhen(false)] out JsonProblem? problem)
    {
        document = null;
        if (!Utf8.IsValid(utf8.Span))
        {
            problem = new JsonProblem(JsonProblem.InvalidJson, "is not valid UTF-8");
            return false;
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            // Position only: the parser's message can quote the input, and the input may hold a secret.
            problem = IsTooDeep(utf8.Span)
                ? new JsonProblem(JsonProblem.TooDeep, $"nests more than {MaxDepth} levels of objects and arrays (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})")
                : new JsonProblem(JsonProblem.InvalidJson, $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
            return false;
        }

        problem = Check(parsed.RootElement, []);
        if (problem is not null)
        {
            parsed.Dispose();
            return false;
        }

        document = parsed;
        return true;
    }

    /// <summary>For JSON that arrives as text (GET parameters); the document keeps its own copy of the bytes.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out JsonProblem? problem) =>
        TryParse(Encoding.UTF8.GetBytes(text), out document, out problem);

    /// <summary>
    /// Whether the text nests deeper than <see cref="MaxDepth"/> before any syntax error: the parser reports both the
    /// same way. The reader is iterative, so reading a little deeper costs no stack.
    /// </summary>
    private static bool IsTooDeep(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= MaxDepth && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    // Depth is bounded by MaxDepth, so plain recursion is safe. The path is kept as segments and only turned into
    // text for the error.
    private static JsonProblem? Check(JsonElement element, List<PathSegment> path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return CheckObject(element, path);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    path.Add(new PathSegment(null, index++));
                    if (Check(item, path) is { } problem)
                    {
                        return problem;
                    }

                    path.RemoveAt(path.Count - 1);
                }

                return null;
            case JsonValueKind.String:
                return LoneSurrogate(JsonMarshal.GetRawUtf8Value(element)) is { } lone ? Unpaired(lone, path) : null;
            default:
                return null;
        }
    }

    private static JsonProblem? CheckObject(JsonElement element, List<PathSegment> path)
    {
        // Nearly every object is small: those are checked pair by pair without allocating; large ones through a set.
        var count = element.GetPropertyCount();
        var seen = count > SmallObject ? new HashSet<string>(count, StringComparer.Ordinal) : null;
        var index = 0;
        foreach (var property in element.EnumerateObject())
        {
            var rawName = JsonMarshal.GetRawUtf8PropertyName(property);
            path.Add(new PathSegment(property, 0));
            if (LoneSurrogate(rawName) is { } lone)
            {
                return Unpaired(lone, path);
            }

            if (seen is null ? IsRepeated(element, rawName, property, index) : !seen.Add(property.Name))
            {
                return new JsonProblem(JsonProblem.DuplicateKey, $"has the key '{Describe(path)}' more than once");
            }

            if (Check(property.Value, path) is { } problem)
            {
                return problem;
            }

            path.RemoveAt(path.Count - 1);
            index++;
        }

        return null;
    }

    /// <summary>Whether one of the first <paramref name="index"/> keys of <paramref name="obj"/> is the same name, unescaped.</summary>
    private static bool IsRepeated(JsonElement obj, ReadOnlySpan<byte> rawName, JsonProperty property, int index)
    {
        var name = rawName.Contains((byte)'\\') ? property.Name : null;
        foreach (var earlier in obj.EnumerateObject())
        {
            if (index-- == 0)
            {
                return false;
            }

            if (name is null ? earlier.NameEquals(rawName) : earlier.NameEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first <c>\uXXXX</c> escape in raw JSON string text that is half a surrogate pair on its own, or null.</summary>
    private static string? LoneSurrogate(ReadOnlySpan<byte> raw)
    {
        // The parser has already checked that every escape is well formed: '\' then one of "\/bfnrt or u + 4 hex digits.
        for (var i = raw.IndexOf((byte)'\\'); i >= 0 && i < raw.Length;)
        {
            if (raw[i] != (byte)'\\')
            {
                i++;
                continue;
            }

            if (raw[i + 1] != (byte)'u')
            {
                i += 2;
                continue;
            }

            var unit = Hex(raw.Slice(i + 2, 4));
            if (char.IsHighSurrogate(unit) && i + 12 <= raw.Length && raw[i + 6] == (byte)'\\' && raw[i + 7] == (byte)'u'
                && char.IsLowSurrogate(Hex(raw.Slice(i + 8, 4))))
            {
                i += 12;
                continue;
            }

            if (char.IsSurrogate(unit))
            {
                return Encoding.ASCII.GetString(raw.Slice(i, 6));
            }

            i += 6;
        }

        return null;
    }

    private static char Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value << 4) | (digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10);
        }

        return (char)value;
    }

    private static JsonProblem Unpaired(string escape, List<PathSegment> path) =>
        new(JsonProblem.InvalidUnicode, $"has an unpaired UTF-16 surrogate escape ({escape}) "
            + (path.Count == 0 ? "in its top-level value" : $"in '{Describe(path)}'"));

    private static string Describe(List<PathSegment> path)
    {
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment.Key is { } key)
            {
                text.Append(text.Length == 0 ? "" : ".").Append(Shorten(KeyText(key)));
            }
            else
            {
                text.Append('[').Append(segment.Index).Append(']');
            }
        }

        return text.ToString();
    }

    // A key with half a surrogate pair cannot be unescaped: it is shown as written.
    private static string KeyText(JsonProperty key)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(key);
        return LoneSurrogate(raw) is null ? key.Name : Encoding.UTF8.GetString(raw);
    }

    // A hostile key can be as long as the body; the message needs only enough to find it (and never half a pair).
    private static string Shorten(string key)
    {
        if (key.Length <= MaxKeyShown)
        {
            return key;
        }

        var cut = char.IsHighSurrogate(key[MaxKeyShown - 1]) ? MaxKeyShown - 1 : MaxKeyShown;
        return key[..cut] + "…";
    }

    /// <summary>One step into the document: an object key, or (when <see cref="Key"/> is null) an array index.</summary>
    private readonly record struct PathSegment(JsonProperty? Key, int Index);
}
