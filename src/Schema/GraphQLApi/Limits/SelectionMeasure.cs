namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// What a selection set asks for with every fragment spread expanded. Counts saturate at <see cref="Cap"/>, so a
/// fragment fan-out of 2^k stays a number to compare with a limit instead of overflowing.
/// </summary>
internal readonly record struct SelectionMeasure(long Selections, long Aliases, long Directives, int Depth, int SpreadDepth, long RootFields)
{
    public const long Cap = 1L << 50;

    public SelectionMeasure Plus(SelectionMeasure other) => new(
        Add(Selections, other.Selections),
        Add(Aliases, other.Aliases),
        Add(Directives, other.Directives),
        Math.Max(Depth, other.Depth),
        Math.Max(SpreadDepth, other.SpreadDepth),
        Add(RootFields, other.RootFields));

    public static long Add(long a, long b) => Math.Min(a + b, Cap);

    public static string Describe(long count) => count >= Cap ? $"more than {Cap:N0}" : count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
