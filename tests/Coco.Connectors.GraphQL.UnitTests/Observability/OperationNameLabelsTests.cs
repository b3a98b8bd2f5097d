using Coco.Connectors.Server.Observability;

namespace Coco.Connectors.UnitTests.Observability;

public sealed class OperationNameLabelsTests
{
    [Fact]
    public void Names_become_labels_until_the_cap_then_other()
    {
        var labels = new OperationNameLabels();
        for (var i = 0; i < OperationNameLabels.MaxDistinct; i++)
        {
            Assert.Equal($"Op{i}", labels.For($"Op{i}"));
        }

        Assert.Equal(OperationNameLabels.Other, labels.For("OneTooMany"));
        Assert.Equal("Op7", labels.For("Op7")); // names seen before keep their label
    }

    [Theory]
    [InlineData(null, OperationNameLabels.Anonymous)]
    [InlineData("", OperationNameLabels.Anonymous)]
    [InlineData("has space", OperationNameLabels.Other)]
    [InlineData("1leadingDigit", OperationNameLabels.Other)]
    [InlineData("line\nbreak", OperationNameLabels.Other)]
    [InlineData("ConnectorList_2", "ConnectorList_2")]
    public void Only_valid_graphql_names_are_kept(string? name, string expected) =>
        Assert.Equal(expected, new OperationNameLabels().For(name));

    [Fact]
    public void Long_names_are_not_kept() =>
        Assert.Equal(OperationNameLabels.Other, new OperationNameLabels().For(new string('a', OperationNameLabels.MaxLength + 1)));
}
