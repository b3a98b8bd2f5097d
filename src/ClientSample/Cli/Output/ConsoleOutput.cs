using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coco.Connectors.ClientSample.Cli.Output;

/// <summary>Where a command writes: results to standard output (a table, or JSON with <c>--json</c>), notes to standard error.</summary>
internal sealed class ConsoleOutput(TextWriter output, TextWriter error, bool json)
{
    private static readonly JsonSerializerOptions Indented = CreateOptions(indented: true);
    private static readonly JsonSerializerOptions Compact = CreateOptions(indented: false);

    public bool Json { get; } = json;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>One JSON document (a result, or a list of them).</summary>
    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>One JSON document per line (a stream of events).</summary>
    public void WriteJsonLine<T>(T value)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, Compact));
        Out.Flush();
    }

    private static JsonSerializerOptions CreateOptions(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a terminal, not HTML: keep names and offsets readable
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) }, // enum values as GraphQL spells them
    };
}
