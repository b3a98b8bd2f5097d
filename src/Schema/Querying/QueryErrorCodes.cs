namespace Coco.Connectors.Querying;

/// <summary>
/// The machine-readable reasons a query is refused (<see cref="QueryException.Code"/>). HotChocolate's codes are
/// reused where HotChocolate has the same error, so clients written against it recognise them.
/// </summary>
public static class QueryErrorCodes
{
    /// <summary>A filter operation that cannot take null (contains, startsWith, gt, in …) got null.</summary>
    public const string FilterNullNotSupported = "HC0026";

    /// <summary>More items per page than the maximum page size were requested.</summary>
    public const string PageSizeExceeded = "HC0051";

    /// <summary>A cursor could not be decoded.</summary>
    public const string InvalidCursor = "HC0078";

    /// <summary>A negative page size (first, last, take) or offset (skip) was requested.</summary>
    public const string NegativePageSize = "HC0079";

    /// <summary>A cursor made under one <c>order</c> was used with a different one.</summary>
    public const string CursorOrderMismatch = "CURSOR_ORDER_MISMATCH";

    /// <summary>The filter nests <c>and</c>/<c>or</c> deeper than allowed.</summary>
    public const string FilterTooDeep = "FILTER_NESTING_LIMIT";

    /// <summary>The filter names a field or operation that does not exist (or may not be filtered, like config).</summary>
    public const string FilterUnknownField = "FILTER_UNKNOWN_FIELD";

    /// <summary>A query, filter list or and/or list has more terms than allowed.</summary>
    public const string TooManyTerms = "QUERY_TOO_MANY_TERMS";

    /// <summary>A free-text word or substring pattern is longer than allowed.</summary>
    public const string TermTooLong = "QUERY_TERM_TOO_LONG";

    /// <summary>A filter, search or cursor value holds U+0000, which no stored text can hold and PostgreSQL cannot take.</summary>
    public const string NulCharacter = "INVALID_CHARACTER";
}
