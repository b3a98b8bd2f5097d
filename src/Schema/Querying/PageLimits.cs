namespace Coco.Connectors.Querying;

/// <summary>
/// Page size rules: the size used when none is asked for and the range a client may ask for. GraphQL uses
/// HotChocolate's defaults (10 / 50, and 0 for an empty page); REST may pass its own (Coco allows <c>size</c> up to
/// 1000). A list that cannot page through an empty page sets <see cref="MinPageSize"/> 1 and its own
/// <see cref="TooSmallCode"/>.
/// </summary>
public sealed record PageLimits(
    int DefaultPageSize, int MaxPageSize, int MinPageSize = 0, string TooSmallCode = QueryErrorCodes.NegativePageSize)
{
    public static PageLimits GraphQL { get; } = new(10, 50);

    /// <summary>
    /// The page size to use for <paramref name="requested"/>, or a <see cref="QueryException"/> whose message names the
    /// allowed range: <see cref="TooSmallCode"/> below it, HotChocolate's HC0051 above it.
    /// </summary>
    public int Size(long? requested, string argument)
    {
        if (requested is not { } size)
        {
            return DefaultPageSize;
        }

        if (size < MinPageSize)
        {
            throw OutOfRange(argument, size, TooSmallCode, new Dictionary<string, object?>
            {
                ["argument"] = argument, ["minAllowedItems"] = MinPageSize, ["maxAllowedItems"] = MaxPageSize,
            });
        }

        if (size > MaxPageSize)
        {
            throw OutOfRange(argument, size, QueryErrorCodes.PageSizeExceeded,
                new Dictionary<string, object?> { ["requestedItems"] = size, ["maxAllowedItems"] = MaxPageSize });
        }

        return (int)size;
    }

    /// <summary>Refuses a negative offset (HotChocolate's HC0079).</summary>
    public static void CheckNotNegative(int value, string argument)
    {
        if (value < 0)
        {
            throw new QueryException(argument, $"`{argument}` must be at least 0 (was {value}).", QueryErrorCodes.NegativePageSize,
                new Dictionary<string, object?> { ["argument"] = argument });
        }
    }

    private QueryException OutOfRange(string argument, long size, string code, Dictionary<string, object?> details) =>
        new(argument, $"`{argument}` must be from {MinPageSize} to {MaxPageSize} (was {size}).", code, details);
}
