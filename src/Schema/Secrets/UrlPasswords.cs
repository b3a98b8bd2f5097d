using System.Text;
using Coco.Connectors.GraphQLApi.Limits;

namespace Coco.Connectors.Secrets;

/// <summary>
/// Finds the passwords inside every URL of a text, so they can be masked alone and the rest of the URL stays
/// readable: the password in the userinfo (<c>postgres://user:PASSWORD@host/db</c>, <c>http://user:PASSWORD@proxy:3128</c>),
/// and the value of every parameter whose name is a secret key (<see cref="SecretKeyNames"/>) after <c>?</c>, <c>&amp;</c>
/// or <c>;</c> (<c>jdbc:postgresql://h/db?user=u&amp;password=PASSWORD</c>, <c>jdbc:sqlserver://h;password=PASSWORD</c>,
/// <c>https://h/blob?sv=1&amp;sig=SIGNATURE</c>). The authority ends at the first <c>/</c>, <c>?</c>, <c>#</c> or white space,
/// and the userinfo at its last <c>@</c>, as URL parsers read it; the password is what follows the userinfo's first
/// <c>:</c>. A URL ends at white space; a parameter's value at <c>&amp;</c>, <c>;</c>, <c>#</c> or white space.
/// </summary>
internal static class UrlPasswords
{
    private const string Whitespace = " \t\r\n\f\v";

    /// <summary>
    /// One password: where it is, and where the URL starts and the part that names its destination ends (the end of
    /// the authority for a userinfo password, the end of the value for a parameter).
    /// </summary>
    internal readonly record struct Span(int Start, int Length, int UrlStart, int DestinationEnd);

    public static bool MayContain(string text) =>
        text.Length > 5 && text.Contains("://", StringComparison.Ordinal) && (text.Contains('@') || text.Contains('='));

    public static List<Span> Find(string text)
    {
        var spans = new List<Span>();
        if (!MayContain(text))
        {
            return spans;
        }

        var position = 0;
        var parametersScanned = 0;
        var urlEnd = 0;
        while (position < text.Length)
        {
            var separator = text.IndexOf("://", position, StringComparison.Ordinal);
            if (separator < 0)
            {
                break;
            }

            var authorityStart = separator + 3;
            var authorityEnd = text.AsSpan(authorityStart).IndexOfAny("/?#" + Whitespace);
            authorityEnd = authorityEnd < 0 ? text.Length : authorityStart + authorityEnd;
            position = Math.Max(authorityEnd, authorityStart);
            var urlStart = SchemeStart(text, separator);
            if (urlStart < 0)
            {
                continue;
            }

            var at = text.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
            var colon = at < 0 ? -1 : text.IndexOf(':', authorityStart, at - authorityStart);
            if (colon >= 0 && at > colon + 1)
            {
                spans.Add(new Span(colon + 1, at - colon - 1, urlStart, authorityEnd));
            }

            // URLs inside one run without white space end where it ends: found once, not once per "://" in it.
            if (authorityStart >= urlEnd)
            {
                urlEnd = text.AsSpan(authorityStart).IndexOfAny(Whitespace);
                urlEnd = urlEnd < 0 ? text.Length : authorityStart + urlEnd;
            }

            var from = Math.Max(Math.Max(at, authorityStart), parametersScanned);
            AddSecretParameters(text, from, urlEnd, urlStart, spans);
            parametersScanned = Math.Max(parametersScanned, urlEnd);
        }

        // A URL inside a secret parameter's value is masked with the value already.
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = spans.Count - 1; i > 0; i--)
        {
            if (spans[i].Start < spans[i - 1].Start + spans[i - 1].Length)
            {
                spans.RemoveAt(i);
            }
        }

        return spans;
    }

    // name=value pairs after '?', '&' or ';' whose name is a secret key.
    private static void AddSecretParameters(string text, int from, int end, int urlStart, List<Span> spans)
    {
        for (var i = text.AsSpan(from, end - from).IndexOfAny("?&;"); i >= 0;)
        {
            var nameStart = from + i + 1;
            var next = text.AsSpan(nameStart, end - nameStart).IndexOfAny("?&;#=");
            var nameEnd = next < 0 ? end : nameStart + next;
            if (nameEnd < end && text[nameEnd] == '=' && nameEnd > nameStart && SecretKeyNames.IsSecret(text[nameStart..nameEnd]))
            {
                var valueStart = nameEnd + 1;
                var valueLength = text.AsSpan(valueStart, end - valueStart).IndexOfAny("&;#");
                valueLength = valueLength < 0 ? end - valueStart : valueLength;
                if (valueLength > 0)
                {
                    spans.Add(new Span(valueStart, valueLength, urlStart, valueStart + valueLength));
                }
            }

            var rest = text.AsSpan(nameStart, end - nameStart).IndexOfAny("?&;");
            i = rest < 0 ? -1 : nameStart - from + rest;
        }
    }

    /// <summary>The text with every URL password replaced by the mask.</summary>
    public static string Mask(string text)
    {
        if (!MayContain(text))
        {
            return text;
        }

        var spans = Find(text);
        return spans.Count == 0 ? text : Replace(text, spans, _ => SecretPolicy.Mask);
    }

    /// <summary>
    /// Where password <paramref name="index"/> of <paramref name="spans"/> is sent: the URL before it and after it up to
    /// the end of the authority (a userinfo password) or of the value (a parameter), with the passwords masked.
    /// </summary>
    public static string Destination(string text, List<Span> spans, int index)
    {
        var span = spans[index];
        var destination = new StringBuilder();
        var copied = span.UrlStart;
        foreach (var before in spans)
        {
            if (before.Start >= copied && before.Start < span.Start)
            {
                destination.Append(text, copied, before.Start - copied).Append(SecretPolicy.Mask);
                copied = before.Start + before.Length;
            }
        }

        return destination.Append(text, copied, span.Start - copied).Append(SecretPolicy.Mask)
            .Append(text, span.Start + span.Length, span.DestinationEnd - span.Start - span.Length).ToString();
    }

    public static string Replace(string text, List<Span> spans, Func<int, string> replacement)
    {
        var result = new StringBuilder(text.Length);
        var copied = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            result.Append(text, copied, spans[i].Start - copied).Append(replacement(i));
            copied = spans[i].Start + spans[i].Length;
        }

        return result.Append(text, copied, text.Length - copied).ToString();
    }

    // A scheme is a letter followed by letters, digits, '+', '-', '.' (and ':' for jdbc:postgresql); -1 when none.
    private static int SchemeStart(string text, int separator)
    {
        var start = separator;
        while (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '+' or '-' or '.' or ':'))
        {
            start--;
        }

        while (start < separator && !char.IsAsciiLetter(text[start]))
        {
            start++;
        }

        return start < separator ? start : -1;
    }
}
