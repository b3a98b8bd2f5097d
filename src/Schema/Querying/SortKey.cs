using System.Linq.Expressions;

namespace Coco.Connectors.Querying;

public sealed record SortKey(QueryField Field, bool Descending)
{
    /// <summary>The same key in the opposite direction (for reading a page backwards).</summary>
    public SortKey Reversed => this with { Descending = !Descending };

    public override string ToString() => $"{Field.Name} {(Descending ? "DESC" : "ASC")}";
}
