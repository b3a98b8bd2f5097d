using Coco.Connectors.Domain;
using Coco.Connectors.Querying;

namespace Coco.Connectors.UnitTests.Querying;

/// <summary>
/// What a page proves about the total it comes with: the count is a second statement, and a write between the two must
/// not give a total smaller than the page (or than the rows the pager found past its ends).
/// </summary>
public sealed class PageTotalsTests
{
    [Theory]
    [InlineData(0, 20, 5, 5)] // fewer than asked: the page ends the result
    [InlineData(40, 20, 3, 43)]
    [InlineData(0, 20, 0, 0)] // nothing matches
    [InlineData(40, 20, 20, null)] // a full page: more may follow
    [InlineData(40, 20, 0, null)] // past the end: how far is unknown
    public void A_page_that_ends_the_result_is_its_own_count(int skip, int asked, int read, int? total) =>
        Assert.Equal(total, ConnectorReader.CountOf(skip, asked, read));

    [Theory]
    [InlineData(0, 5, 5)]
    [InlineData(40, 21, 61)]
    [InlineData(40, 0, 0)] // an empty page proves nothing about what precedes it
    [InlineData(int.MaxValue, 3, int.MaxValue)]
    public void A_page_proves_the_rows_before_it_and_its_own(int skip, int read, int fewest) =>
        Assert.Equal(fewest, ConnectorReader.FewestMatches(skip, read));

    [Theory]
    [InlineData(5, false, false, 5)]
    [InlineData(5, true, false, 6)]
    [InlineData(5, true, true, 7)]
    [InlineData(0, false, true, 1)]
    public void A_keyset_page_proves_its_rows_and_one_past_each_end_it_found(int rows, bool hasNext, bool hasPrevious, int fewest)
    {
        var items = Enumerable.Range(0, rows).Select(i => new Connector { Id = $"c{i}", Name = $"c{i}" }).ToList();
        Assert.Equal(fewest, new KeysetPage(items, hasNext, hasPrevious, []).FewestMatches);
    }
}
