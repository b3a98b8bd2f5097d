using System.Text;

namespace Coco.Connectors.Observability;

/// <summary>
/// SQL as a trace may show it: EF Core sends values as parameters, but a constant in a query's expression tree is
/// inlined as a literal, and a literal could be anything a client sent (a secret among them).
/// </summary>
public static class SqlText
{
    /// <summary>The text with every string and number literal replaced by <c>?</c>; double-quoted identifiers are kept.</summary>
    public static string WithoutLiterals(string sql)
    {
        var text = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '\'')
            {
                // A string literal; '' inside it is an escaped quote. X'…' and N'…' keep their prefix letter.
                i = ClosingQuote(sql, i, '\'');
                text.Append('?');
            }
            else if (c == '"')
            {
                // A quoted identifier, kept as it is (digits in it are no literal).
                var end = ClosingQuote(sql, i, '"');
                text.Append(sql, i, Math.Min(end, sql.Length - 1) - i + 1);
                i = end;
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                // A PostgreSQL dollar-quoted string: $$…$$ or $tag$…$tag$.
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + tag.Length - 1;
                text.Append('?');
            }
            else if (char.IsAsciiDigit(c) && (i == 0 || !IsIdentifierPart(sql[i - 1])))
            {
                while (i + 1 < sql.Length && (IsIdentifierPart(sql[i + 1]) || sql[i + 1] == '.'))
                {
                    i++;
                }

                text.Append('?');
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    // The index of the quote that closes the one at start (a doubled quote is part of the text), or the text's end.
    private static int ClosingQuote(string sql, int start, char quote)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i;
            }

            i++;
        }

        return sql.Length;
    }

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '@' or ':';

    private static string? DollarTag(string sql, int start)
    {
        if (start > 0 && IsIdentifierPart(sql[start - 1]))
        {
            return null;
        }

        var end = start + 1;
        while (end < sql.Length && (char.IsAsciiLetter(sql[end]) || sql[end] == '_'))
        {
            end++;
        }

        return end < sql.Length && sql[end] == '$' ? sql[start..(end + 1)] : null;
    }
}
