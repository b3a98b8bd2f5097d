using System.Text;

namespace Coco.Connectors.ClientGenerator.Emit;

/// <summary>Writes indented C# lines.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }

        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes the closing line.</summary>
    public IDisposable Block(string close = "}")
    {
        Line("{");
        _indent++;
        return new Closer(this, close);
    }

    public void Indent() => _indent++;

    public void Outdent() => _indent--;

    /// <summary>An XML doc summary, when there is a description.</summary>
    public CodeWriter Summary(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return this;
        }

        Line("/// <summary>");
        foreach (var line in description.Trim().Split('\n'))
        {
            Line("/// " + CSharpNames.Xml(line.TrimEnd()));
        }

        return Line("/// </summary>");
    }

    public override string ToString() => _text.ToString();

    private sealed class Closer(CodeWriter writer, string close) : IDisposable
    {
        public void Dispose()
        {
            writer._indent--;
            writer.Line(close);
        }
    }
}
