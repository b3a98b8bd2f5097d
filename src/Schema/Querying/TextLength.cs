namespace Coco.Connectors.Querying;

/// <summary>
/// The length of a filter value as the evaluator running the filter counts it: in memory (a live filter) .NET's UTF-16
/// units, in SQL the store's <c>length()</c>, which counts characters (code points). A prefix or suffix test takes its
/// length from here, so it is measured in the same units as the <c>substr</c>/<c>Substring</c> that reads it; a value
/// beyond U+FFFF (an emoji) has two units but one character. Plain <c>value.Length</c> would be computed once on the
/// client and sent as a parameter in UTF-16 units.
/// </summary>
/// <remarks>Mapped to the built-in <c>length</c> on both stores (<see cref="Storage.CocoDbContext"/>); EF Core never
/// evaluates a mapped function on the client, so SQL computes it.</remarks>
public static class TextLength
{
    public static int Of(string text) => text.Length;
}
