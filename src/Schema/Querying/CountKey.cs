using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

/// <summary>
/// The name of a count in the <see cref="CountCache"/>: its statement and every parameter's value, lists element by
/// element. The statement text alone is not enough — a list parameter (<c>tags && @p</c>, <c>= ANY (@p)</c>) reads the
/// same whatever it holds, and <c>ToQueryString</c> need not spell such a value out.
/// </summary>
internal static class CountKey
{
    public static string Of(IQueryable rows)
    {
        using var command = rows.CreateDbCommand();
        var key = new StringBuilder(command.CommandText);
        foreach (DbParameter parameter in command.Parameters)
        {
            key.Append('\n').Append(parameter.ParameterName).Append('=');
            Append(key, parameter.Value);
        }

        return key.ToString();
    }

    // Each value is written with its length (or element count) first, so no two different values write the same text.
    private static void Append(StringBuilder key, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                key.Append('~');
                break;
            case string text:
                key.Append('s').Append(text.Length).Append(':').Append(text);
                break;
            case IEnumerable list:
                var items = list.Cast<object?>().ToList();
                key.Append('[').Append(items.Count).Append(':');
                foreach (var item in items)
                {
                    Append(key, item);
                    key.Append(',');
                }

                key.Append(']');
                break;
            default:
                var formatted = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                key.Append(value.GetType().Name).Append(formatted.Length).Append(':').Append(formatted);
                break;
        }
    }
}
