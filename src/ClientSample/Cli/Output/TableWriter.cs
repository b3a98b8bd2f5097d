namespace Coco.Connectors.ClientSample.Cli.Output;

/// <summary>A plain-text table: a header row and columns padded to their widest cell (cells cut at a width limit).</summary>
internal static class TableWriter
{
    private const int MaxCellWidth = 48;

    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var cells = rows.Select(r => r.Select(Cut).ToList()).ToList();
        var widths = headers.Select((h, i) => cells.Select(r => r[i].Length).Append(h.Length).Max()).ToList();
        output.WriteLine(Line(headers, widths));
        foreach (var row in cells)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    /// <summary>One row of a table printed as it streams (the widths are fixed up front).</summary>
    public static string Line(IReadOnlyList<string> cells, IReadOnlyList<int> widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? Cut(c) : Cut(c).PadRight(widths[i]))).TrimEnd();

    private static string Cut(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxCellWidth ? oneLine : oneLine[..(MaxCellWidth - 1)] + "…";
    }
}
