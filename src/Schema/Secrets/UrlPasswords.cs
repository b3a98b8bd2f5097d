using System.Text;
using Coco.Connectors.GraphQLApi.Limits;

namespace Coco.Connectors.Secrets;

/// <summary>
/// Finds the password in the userinfo of every URL inside a text (<c>postgres://user:PASSWORD@host/db</c>,
/// <c>jdbc:mysql://…</c>, <c>http://user:PASSWORD@proxy:3128</c>), so it can be masked alone and the rest of the URL
/// stays readable. The authority ends at the first <c>/</c>, <c>?</c>, <c>#</c> or white space, and the userinfo at
/// its last <c>@</c>, as URL parsers read it; the password is what follows the userinfo's first <c>:</c>.
/// </summary>
internal static class UrlPasswords
{
    /// <summary>One URL's password: where it is, and the URL's scheme and authority around it.</summary>
    internal readonly record struct Span(int Start, int Length, int UrlStart, int AuthorityEnd);

    public static bool MayContain(string text) =>
        text.Length > 5 && text.Contains("://", StringComparison.Ordinal) && text.Contains('@');

    public static List<Span> Find(string text)
    {
        var spans = new List<Span>();
        if (!MayContain(text))
        {
            return spans;
        }

        var position = 0;
        while (position < text.Length)
        {
            var separator = text.IndexOf("://", position, StringComparison.Ordinal);
            if (separator < 0)
            {
                break;
            }

            var authorityStart = separator + 3;
            var authorityEnd = text.AsSpan(authorityStart).IndexOfAny("/?# \t\r\n\f\v");
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
        }

        return spans;
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

    /// <summary>The URL before its password and after it up to the end of the authority, with the password masked.</summary>
    public static string Destination(string text, Span span) =>
        string.Concat(text.AsSpan(span.UrlStart, span.Start - span.UrlStart), SecretPolicy.Mask,
            text.AsSpan(span.Start + span.Length, span.AuthorityEnd - span.Start - span.Length));

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
