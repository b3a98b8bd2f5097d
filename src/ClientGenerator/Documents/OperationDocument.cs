using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Coco.Connectors.ClientGenerator.Documents;

/// <summary>
/// Every operation file as one GraphQL document, so operations may use fragments from any file (as
/// StrawberryShake allows). Positions in the joined text map back to the file and line they came from.
/// </summary>
internal sealed class OperationDocument
{
    private readonly List<(int Start, SourceFile File)> _parts;

    private OperationDocument(string text, GraphQLDocument document, List<(int Start, SourceFile File)> parts)
    {
        Text = text;
        Document = document;
        _parts = parts;
    }

    public string Text { get; }

    public GraphQLDocument Document { get; }

    /// <summary>Parses each file (reporting every syntax error with its own file and line), then joins them.</summary>
    public static OperationDocument? Parse(IReadOnlyList<SourceFile> files, List<GeneratorDiagnostic> diagnostics)
    {
        var builder = new System.Text.StringBuilder();
        var parts = new List<(int Start, SourceFile File)>();
        foreach (var file in files)
        {
            try
            {
                Parser.Parse(file.Text);
            }
            catch (GraphQLParserException ex)
            {
                diagnostics.Add(new GeneratorDiagnostic(file.Path, ex.Location.Line, ex.Location.Column, DiagnosticCodes.Syntax,
                    $"GraphQL syntax error: {ex.Description}"));
                continue;
            }

            parts.Add((builder.Length, file));
            builder.Append(file.Text).Append('\n');
        }

        if (diagnostics.Count > 0)
        {
            return null;
        }

        var text = builder.ToString();
        return new OperationDocument(text, Parser.Parse(text), parts);
    }

    /// <summary>The text of a node as written (a slice of its file).</summary>
    public string TextOf(ASTNode node) => Text[node.Location.Start..node.Location.End];

    /// <summary>The file a node was written in.</summary>
    public string PathOf(ASTNode node) => _parts[Math.Max(_parts.FindLastIndex(p => p.Start <= node.Location.Start), 0)].File.Path;

    /// <summary>An error at a node, reported at its own file and line.</summary>
    public GeneratorDiagnostic DiagnosticAt(ASTNode node, string code, string message) =>
        DiagnosticAt(node.Location.Start, code, message);

    public GeneratorDiagnostic DiagnosticAt(int offset, string code, string message)
    {
        var index = _parts.FindLastIndex(p => p.Start <= offset);
        var (start, file) = _parts[Math.Max(index, 0)];
        var (line, column) = file.Position(Math.Clamp(offset - start, 0, file.Text.Length));
        return new GeneratorDiagnostic(file.Path, line, column, code, message);
    }

    /// <summary>The offset in the joined text of a 1-based line and column of it.</summary>
    public int OffsetOf(int line, int column)
    {
        var offset = 0;
        for (var current = 1; current < line && offset < Text.Length; offset++)
        {
            if (Text[offset] == '\n')
            {
                current++;
            }
        }

        return Math.Min(offset + column - 1, Text.Length);
    }
}
