using System.Buffers;
using System.Text;
using System.Text.Json;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Querying;

/// <summary>
/// Keyset cursors: base64 of <c>{"o": "&lt;order&gt;", "k": [sort key values of the row]}</c>. A cursor names a position
/// in an order, not an index, so it stays valid while rows are inserted and deleted. The order is part of the cursor
/// so that one made under another <c>order</c> is refused instead of silently landing on a wrong page.
/// </summary>
/// <remarks>Strings, booleans and integers are stored as JSON, date-times as ticks (exact, no rounding), missing values as null.</remarks>
public static class CursorCodec
{
    private static readonly Dictionary<QueryField, Func<Connector, object?>> Getters =
        QueryFields.All.Where(f => f.Sortable).ToDictionary(f => f, f => Box(f));

    /// <summary>The order as written into cursors, e.g. <c>name ASC,id ASC</c>.</summary>
    public static string Fingerprint(IReadOnlyList<SortKey> order) => string.Join(",", order);

    public static string Encode(IReadOnlyList<SortKey> order, Connector row)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("o", Fingerprint(order));
            json.WriteStartArray("k");
            foreach (var key in order)
            {
                switch (Getters[key.Field](row))
                {
                    case null: json.WriteNullValue(); break;
                    case string s: json.WriteStringValue(s); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case int n: json.WriteNumberValue(n); break;
                    case DateTime d: json.WriteNumberValue(d.Ticks); break;
                    case var other: throw new InvalidOperationException($"{key.Field.Name} has an unsupported cursor type {other.GetType()}");
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.WrittenSpan);
    }

    /// <summary>The sort key values in <paramref name="cursor"/>, one per key of <paramref name="order"/>.</summary>
    /// <exception cref="QueryException">HC0078 when the cursor cannot be read; <see cref="QueryErrorCodes.CursorOrderMismatch"/> when it was made for another order.</exception>
    public static object?[] Decode(string cursor, string argument, IReadOnlyList<SortKey> order)
    {
        using var document = Parse(cursor, argument);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("o", out var madeFor) || madeFor.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("k", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(cursor, argument);
        }

        var expected = Fingerprint(order);
        if (madeFor.GetString() != expected)
        {
            throw new QueryException(argument,
                $"The cursor in `{argument}` was made for the order `{madeFor.GetString()}` but this request orders by `{expected}`. "
                + "Cursors are only valid with the `order` they came from; start again from the first page.",
                QueryErrorCodes.CursorOrderMismatch,
                new Dictionary<string, object?> { ["argument"] = argument, ["cursorOrder"] = madeFor.GetString(), ["requestedOrder"] = expected });
        }

        if (keys.GetArrayLength() != order.Count)
        {
            throw Malformed(cursor, argument);
        }

        var values = new object?[order.Count];
        var i = 0;
        foreach (var element in keys.EnumerateArray())
        {
            if (!TryRead(element, order[i].Field, out values[i]))
            {
                throw Malformed(cursor, argument);
            }

            i++;
        }

        return values;
    }

    private static bool TryRead(JsonElement element, QueryField field, out object? value)
    {
        value = (field.Kind, element.ValueKind) switch
        {
            (QueryFieldKind.String, JsonValueKind.String) => element.GetString(),
            (QueryFieldKind.Boolean, JsonValueKind.True) => true,
            (QueryFieldKind.Boolean, JsonValueKind.False) => false,
            (QueryFieldKind.Int, JsonValueKind.Number) when element.TryGetInt32(out var number) => number,
            (QueryFieldKind.DateTime, JsonValueKind.Number) when element.TryGetInt64(out var ticks) && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks =>
                new DateTime(ticks, DateTimeKind.Utc),
            _ => null,
        };
        return value is not null || (element.ValueKind == JsonValueKind.Null && field.Nullable);
    }

    private static JsonDocument Parse(string cursor, string argument)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            throw Malformed(cursor, argument);
        }
    }

    private static QueryException Malformed(string cursor, string argument) =>
        new(argument, $"The cursor specified in `{argument}` has an invalid format.", QueryErrorCodes.InvalidCursor,
            new Dictionary<string, object?> { ["argument"] = argument, ["cursor"] = cursor });

    private static Func<Connector, object?> Box(QueryField field)
    {
        var row = System.Linq.Expressions.Expression.Parameter(typeof(Connector), "c");
        var boxed = System.Linq.Expressions.Expression.Convert(field.Access(row), typeof(object));
        return System.Linq.Expressions.Expression.Lambda<Func<Connector, object?>>(boxed, row).Compile();
    }
}
