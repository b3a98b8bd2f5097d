using System.Text;

namespace Coco.Connectors.Tests.Input;

/// <summary>
/// Generates connector-shaped JSON text that a hostile or broken client might send: random nesting (sometimes past
/// every depth limit), keys given twice (sometimes spelled with escapes), strings with unpaired surrogate escapes,
/// odd numbers, and texts cut off at a random point. Deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed class HostileJson(Random random)
{
    private static readonly string[] Keys =
    [
        "name", "description", "category", "icon", "tags", "url", "config", "processor", "enabled", "id", "assets", "icons",
        "builtin", "path_hierarchy", "password", "pass\\u0077ord", "token", "\\u0074oken", "api_key", "na\\u006de", "x", "",
    ];

    private static readonly string[] TextPieces =
    [
        "a", "GitHub", "é", "中文", " ", "\\n", "\\t", "\\\"", "\\\\", "\\/", "\\u0000", "\\u001b", "\\u00e9", "\\ud83d\\ude00",
        "******", "%0d%0a",
    ];

    private static readonly string[] BrokenPieces = ["\\ud800", "\\udc00", "\\udbff", "\\ud83d\\ud83d", "\\ude00\\ud83d", "\\ud83d"];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "2147483648", "9223372036854775808", "1e400", "-1e400", "1e-400", "3.14", "1E+2",
        "123456789012345678901234567890", "0.1e1", "-2147483649",
    ];

    /// <summary>A connector document (an object) with random defects.</summary>
    public string Document()
    {
        var text = new StringBuilder();
        Object(text, 0, root: true);
        return Damage(text.ToString());
    }

    /// <summary>Any JSON value, possibly deep, possibly damaged.</summary>
    public string Value() => Damage(ValueText(0));

    /// <summary>A JSON string literal (quotes included) built from escapes, some of them half surrogate pairs.</summary>
    public string String()
    {
        var text = new StringBuilder("\"");
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            text.Append(random.Next(12) == 0 ? BrokenPieces[random.Next(BrokenPieces.Length)] : TextPieces[random.Next(TextPieces.Length)]);
        }

        return text.Append('"').ToString();
    }

    /// <summary>Cuts the text short now and then: truncation is the commonest way a body breaks.</summary>
    public string Damage(string text) => random.Next(16) switch
    {
        0 => text[..random.Next(text.Length)],
        1 => text.Insert(random.Next(text.Length), random.Next(3) switch { 0 => ",", 1 => "}", _ => "\"" }),
        _ => text,
    };

    private string ValueText(int depth)
    {
        // Mostly shallow documents, with an occasional dive past the 32 (config) and 64 (reader) depth limits.
        var deep = depth < 80 && random.Next(40) == 0;
        var choice = depth > 6 && !deep ? random.Next(4) : random.Next(6);
        var text = new StringBuilder();
        switch (choice)
        {
            case 0:
                text.Append(String());
                break;
            case 1:
                text.Append(Numbers[random.Next(Numbers.Length)]);
                break;
            case 2:
                text.Append(random.Next(2) == 0 ? "true" : "false");
                break;
            case 3:
                text.Append("null");
                break;
            case 4:
                Object(text, depth + 1, root: false);
                break;
            default:
                text.Append('[');
                for (var i = random.Next(0, deep ? 2 : 4); i > 0; i--)
                {
                    text.Append(ValueText(depth + 1)).Append(i > 1 ? "," : "");
                }

                text.Append(']');
                break;
        }

        return text.ToString();
    }

    private void Object(StringBuilder text, int depth, bool root)
    {
        var keys = Enumerable.Range(0, random.Next(root ? 1 : 0, 6)).Select(_ => Keys[random.Next(Keys.Length)]).ToList();
        if (root && random.Next(3) > 0)
        {
            keys.Insert(0, "name");
        }

        if (keys.Count > 0 && random.Next(8) == 0)
        {
            keys.Insert(random.Next(keys.Count + 1), keys[random.Next(keys.Count)]); // the same key again
        }

        text.Append('{');
        for (var i = 0; i < keys.Count; i++)
        {
            text.Append('"').Append(keys[i]).Append("\":");
            text.Append(keys[i] == "name" && random.Next(2) == 0 ? String() : ValueText(depth + 1));
            text.Append(i < keys.Count - 1 ? "," : "");
        }

        text.Append('}');
    }
}
