using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// What an event's result depends on besides the event: the document, the operation chosen and the variables'
/// values. Two subscriptions with equal keys resolve an event to the same JSON.
/// </summary>
internal readonly record struct SelectionKey(string Document, string? Operation, string Variables)
{
    /// <summary>The key of a subscription's execution, or null when a variable's value cannot be written down exactly.</summary>
    public static SelectionKey? For(ExecutionContext context) =>
        WriteVariables(context.Variables) is { } variables
            ? new SelectionKey(Text(context.Document.Source), context.Operation.Name?.StringValue, variables)
            : null;

    // The parser keeps the request's own string; no copy unless the document was cut from a larger one.
    private static string Text(ReadOnlyMemory<char> source) =>
        MemoryMarshal.TryGetString(source, out var text, out var start, out var length) && start == 0 && length == text.Length
            ? text
            : source.ToString();

    private static string? WriteVariables(Variables? variables)
    {
        if (variables is null || !variables.Any())
        {
            return "";
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var variable in variables)
            {
                writer.WritePropertyName(variable.Name);
                if (!TryWrite(writer, variable.Value))
                {
                    return null;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // Values as variable coercion leaves them. Anything else is refused: sharing is only an optimisation, and a key
    // that could confuse two different values would send one subscriber another's result.
    private static bool TryWrite(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return true;
            case string s:
                writer.WriteStringValue(s);
                return true;
            case bool b:
                writer.WriteBooleanValue(b);
                return true;
            case int or long or short or byte or sbyte or uint or ulong or ushort or double or float or decimal or System.Numerics.BigInteger:
                writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!, skipInputValidation: true);
                return true;
            case DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan or Guid or Uri or Enum:
                // Tagged with the type, so that a date and the string of the same text stay apart; round-trip formats.
                writer.WriteStartObject();
                writer.WriteString(value.GetType().Name, value switch
                {
                    DateTime or DateTimeOffset or DateOnly or TimeOnly => ((IFormattable)value).ToString("O", CultureInfo.InvariantCulture),
                    TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                });
                writer.WriteEndObject();
                return true;
            case JsonNode node:
                writer.WriteStartObject();
                writer.WritePropertyName("json");
                node.WriteTo(writer);
                writer.WriteEndObject();
                return true;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    if (!TryWrite(writer, item))
                    {
                        return false;
                    }
                }

                writer.WriteEndObject();
                return true;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    if (!TryWrite(writer, item))
                    {
                        return false;
                    }
                }

                writer.WriteEndArray();
                return true;
            default:
                return false;
        }
    }
}
