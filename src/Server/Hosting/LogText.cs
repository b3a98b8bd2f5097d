using System.Buffers;

namespace Coco.Connectors.Server.Hosting;

/// <summary>
/// Log text with its control characters escaped (<c>\r</c>, <c>\n</c>, <c>\u001b</c> …), so a value a client chose
/// (a path with <c>%0d%0a</c>, a header) can neither start a forged log line nor drive the terminal.
/// </summary>
public static class LogText
{
    // C0, DEL and C1 controls, and the Unicode line and paragraph separators that some viewers break lines on.
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c), '\u2028', '\u2029']);

    public static void WriteEscaped(TextWriter writer, ReadOnlySpan<char> text)
    {
        while (text.Length > 0)
        {
            var next = text.IndexOfAny(Unsafe);
            if (next < 0)
            {
                writer.Write(text);
                return;
            }

            writer.Write(text[..next]);
            writer.Write(Escape(text[next]));
            text = text[(next + 1)..];
        }
    }

    private static string Escape(char c) => c switch
    {
        '\r' => "\\r",
        '\n' => "\\n",
        '\t' => "\\t",
        _ => $"\\u{(int)c:x4}",
    };
}
