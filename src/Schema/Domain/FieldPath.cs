namespace Coco.Connectors.Domain;

/// <summary>
/// Where a field sits in a Coco document, one segment a level: the connector's own field names, then (under
/// <c>config</c>) the client's keys as written. Each API renders it in its own names; the Coco form joins with dots.
/// </summary>
public sealed class FieldPath
{
    private readonly string[] _segments;

    private FieldPath(string[] segments) => _segments = segments;

    public IReadOnlyList<string> Segments => _segments;

    public static FieldPath Of(params string[] segments) => new(segments);

    /// <summary>A dotted path found inside the client's JSON (a secret, a NUL character), e.g. <c>config.a[0].b</c>.</summary>
    public static FieldPath Parse(string dotted) => new(dotted.Split('.'));

    public FieldPath Then(string name) => new([.. _segments, name]);

    /// <summary>
    /// The path with each connector field name passed through <paramref name="rename"/>; keys inside <c>config</c>
    /// are the client's own and stay as they are.
    /// </summary>
    public string Render(Func<string, string> rename)
    {
        var rendered = (string[])_segments.Clone();
        for (var i = 0; i < rendered.Length && !(i > 0 && _segments[0] == "config"); i++)
        {
            rendered[i] = rename(rendered[i]);
        }

        return string.Join('.', rendered);
    }

    /// <summary>The path in Coco's names, as REST clients write it.</summary>
    public override string ToString() => string.Join('.', _segments);
}
