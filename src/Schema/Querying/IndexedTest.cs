namespace Coco.Connectors.Querying;

/// <summary>
/// One test of a filter that a SQLite search index could answer (see <see cref="SqliteIndexedFilter"/>): a free-text
/// term, a set of tag values, a test of one tag, of the category or of the processor's name, or a prefix range of the <see cref="Column"/> (<c>Name</c> or <c>Id</c>).
/// </summary>
/// <remarks><see cref="Names"/>: for a test of the distinct tags or kept values, the rows of their count table it selects.</remarks>
internal sealed record IndexedTest(
    IndexedTestKind Kind, IReadOnlyList<string> Values, string? Column = null, string? Upper = null, IQueryable<Storage.NameCount>? Names = null)
{
    public string Key => $"{Kind}:{Column}:{string.Join('\u0001', Values)}";
}
