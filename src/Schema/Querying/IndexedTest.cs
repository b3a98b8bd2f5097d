namespace Coco.Connectors.Querying;

/// <summary>
/// One test of a filter that a SQLite search index could answer (see <see cref="SqliteIndexedFilter"/>): a free-text
/// term, a set of tag values, or a prefix range of the <see cref="Column"/> (<c>Name</c> or <c>Id</c>).
/// </summary>
internal sealed record IndexedTest(IndexedTestKind Kind, IReadOnlyList<string> Values, string? Column = null, string? Upper = null)
{
    public string Key => $"{Kind}:{Column}:{string.Join('\u0001', Values)}";
}
