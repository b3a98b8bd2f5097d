using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Coco.Connectors.GraphQLApi.Filtering;

/// <summary>
/// Names a parsed <c>where</c> value so that equal filters get equal names whatever their field order: the SHA-256 of
/// a canonical text (object keys sorted, list order kept, every scalar written with its type). Live subscriptions
/// with the same name share what the server remembers about their filter.
/// </summary>
public static class WhereKey
{
    public static string Of(IDictionary<string, object?>? where)
    {
        var text = new StringBuilder();
        Write(text, where);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Write(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append(JsonSerializer.Serialize(s));
                break;
            case IDictionary<string, object?> fields:
                text.Append('{');
                foreach (var (key, field) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    text.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(text, field);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    Write(text, item);
                    text.Append(',');
                }

                text.Append(']');
                break;
            default:
                var scalar = value switch
                {
                    DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                    DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                };
                text.Append(value.GetType().FullName).Append('(').Append(JsonSerializer.Serialize(scalar)).Append(')');
                break;
        }
    }
}
