using System.Linq.Expressions;
using Coco.Connectors.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coco.Connectors.Querying;

/// <summary>
/// One page of a keyset walk; <see cref="CursorOf"/> gives the cursor of any of its rows. <see cref="TotalCount"/> is
/// the number of rows the filter matches in all pages, when the reader was asked to count.
/// </summary>
public sealed record KeysetPage(IReadOnlyList<Connector> Items, bool HasNextPage, bool HasPreviousPage, IReadOnlyList<SortKey> Order, int? TotalCount = null)
{
    /// <summary>
    /// Whether <see cref="Items"/> are every row the filter matches: a page read without a cursor with no row on either
    /// side. Its size is then the total count, and nothing needs counting.
    /// </summary>
    public bool HoldsEveryMatch { get; init; }

    /// <summary>
    /// The fewest matches the page proves: its rows, and one more on each side it found a row on (the pager reads the
    /// row past each end rather than guessing). A total counted by a second statement is never smaller.
    /// </summary>
    public int FewestMatches => Items.Count + (HasNextPage ? 1 : 0) + (HasPreviousPage ? 1 : 0);

    public string CursorOf(Connector row) => CursorCodec.Encode(Order, row);
}
