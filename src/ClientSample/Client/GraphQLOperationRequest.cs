using System.Buffers;
using System.Text.Json;

namespace Coco.Connectors.Client;

/// <summary>One operation to send: its name, the document text and the code that writes its variables.</summary>
internal sealed record GraphQLOperationRequest(string OperationName, string Document, Action<Utf8JsonWriter>? WriteVariables)
{
    /// <summary>The GraphQL-over-HTTP request object <c>{"query","operationName","variables"}</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("query", Document);
        writer.WriteString("operationName", OperationName);
        if (WriteVariables is not null)
        {
            writer.WritePropertyName("variables");
            writer.WriteStartObject();
            WriteVariables(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public ReadOnlyMemory<byte> ToUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(Document.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return buffer.WrittenMemory;
    }
}
