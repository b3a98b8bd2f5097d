using Coco.Connectors.Domain;

namespace Coco.Connectors.UnitTests.Connectors;

/// <summary>The one UTC normaliser and the two wire forms of a time built on it.</summary>
public sealed class Rfc3339Tests
{
    private static readonly DateTime Utc = new(2025, 1, 15, 2, 0, 0, 120, DateTimeKind.Utc);

    [Fact]
    public void A_time_without_a_kind_is_read_as_UTC()
    {
        var unspecified = DateTime.SpecifyKind(Utc, DateTimeKind.Unspecified);

        Assert.Equal(DateTimeKind.Utc, Rfc3339.ToUtc(unspecified).Kind);
        Assert.Equal(Utc, Rfc3339.ToUtc(unspecified));
        Assert.Equal(Utc, Rfc3339.ToUtc(Utc.ToLocalTime()));
        Assert.Equal(DateTimeKind.Utc, Rfc3339.ToUtc(Utc.ToLocalTime()).Kind);
    }

    [Fact]
    public void REST_writes_Cocos_form_and_GraphQL_HotChocolates()
    {
        Assert.Equal("2025-01-15T02:00:00.12+00:00", Rfc3339.Format(Utc));
        Assert.Equal("2025-01-15T02:00:00+00:00", Rfc3339.Format(Utc.AddMilliseconds(-120)));
        Assert.Equal("2025-01-15T02:00:00.120Z", Rfc3339.FormatMilliseconds(Utc));
        Assert.Equal("2025-01-15T02:00:00.000Z", Rfc3339.FormatMilliseconds(DateTime.SpecifyKind(Utc.AddMilliseconds(-120), DateTimeKind.Unspecified)));
    }
}
