namespace Coco.Connectors.GraphQL.Limits;

/// <summary>
/// Counts the lexical tokens of a GraphQL document (spec §2.1: punctuators, names, numbers, strings; white space,
/// commas and comments are ignored), stopping as soon as the count passes a limit. It only has to find where tokens
/// begin and end: text that is not GraphQL still counts and the parser reports it afterwards. The parser's own
/// lexer, called token by token, costs several times more than this scan.
/// </summary>
internal static class TokenCounter
{
    /// <summary>The number of tokens, or <paramref name="stopAfter"/> + 1 when there are more.</summary>
    public static int Count(ReadOnlySpan<char> text, int stopAfter)
    {
        var tokens = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r' or ',' or '\uFEFF')
            {
                i++;
                continue;
            }

            if (c == '#')
            {
                i = EndOfLine(text, i);
                continue;
            }

            if (++tokens > stopAfter)
            {
                return tokens;
            }

            i = c switch
            {
                '"' => EndOfString(text, i),
                '.' when text[i..].StartsWith("...") => i + 3,
                '-' or (>= '0' and <= '9') => EndOfNumber(text, i + 1),
                '_' or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') => EndOfName(text, i + 1),
                _ => i + 1,
            };
        }

        return tokens;
    }

    private static int EndOfLine(ReadOnlySpan<char> text, int i)
    {
        var end = text[i..].IndexOfAny('\n', '\r');
        return end < 0 ? text.Length : i + end;
    }

    private static int EndOfName(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && text[i] is '_' or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9'))
        {
            i++;
        }

        return i;
    }

    // Digits, a fraction and an exponent; anything malformed in between is the parser's to report.
    private static int EndOfNumber(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && text[i] is (>= '0' and <= '9') or '.' or 'e' or 'E' or '+' or '-')
        {
            i++;
        }

        return i;
    }

    private static int EndOfString(ReadOnlySpan<char> text, int i)
    {
        if (text[i..].StartsWith("\"\"\""))
        {
            // A block string ends at the next """ that is not escaped as \""".
            for (i += 3; i < text.Length; i++)
            {
                if (text[i] == '\\' && text[(i + 1)..].StartsWith("\"\"\""))
                {
                    i += 3;
                }
                else if (text[i..].StartsWith("\"\"\""))
                {
                    return i + 3;
                }
            }

            return text.Length;
        }

        // A string ends at the next unescaped quote, or (unterminated) at the end of the line.
        for (i++; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '"':
                    return i + 1;
                case '\n' or '\r':
                    return i;
            }
        }

        return text.Length;
    }
}
