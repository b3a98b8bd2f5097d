namespace Coco.Connectors.Querying;

/// <summary>
/// Page size rules: the size used when none is asked for and the most a client may ask for. GraphQL uses
/// HotChocolate's defaults (10 / 50); REST may pass its own (Coco allows <c>size</c> up to 1000).
/// </summary>
public sealed record PageLimits(int DefaultPageSize, int MaxPageSize)
{
    public static PageLimits GraphQL { get; } = new(10, 50);

    /// <summary>The page size to use for <paramref name="requested"/>, or a <see cref="QueryException"/> naming the broken rule.</summary>
    public int Size(int? requested, string argument)
    {
        if (requested is null)
        {
            return DefaultPageSize;
        }

        CheckNotNegative(requested.Value, argument);
        if (requested.Value > MaxPageSize)
        {
            throw new QueryException(argument, "The maximum allowed items per page were exceeded.", QueryErrorCodes.PageSizeExceeded,
                new Dictionary<string, object?> { ["requestedItems"] = requested.Value, ["maxAllowedItems"] = MaxPageSize });
        }

        return requested.Value;
    }

    /// <summary>Refuses a negative count or offset (HotChocolate's HC0079).</summary>
    public static void CheckNotNegative(int value, string argument)
    {
        if (value < 0)
        {
            var what = argument == "skip" ? "The number of items to skip" : "The requested number of values per page";
            throw new QueryException(argument, $"{what} must be at least 0 (`{argument}` was {value}).", QueryErrorCodes.NegativePageSize,
                new Dictionary<string, object?> { ["argument"] = argument });
        }
    }
}
