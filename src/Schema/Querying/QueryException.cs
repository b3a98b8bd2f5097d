using System.Linq.Expressions;
using System.Text.RegularExpressions;

namespace Coco.Connectors.Querying;

/// <summary>
/// A query parameter or argument the query model cannot use; <see cref="Parameter"/> names it. <see cref="Code"/> is a
/// stable machine-readable reason (HotChocolate's codes where one exists, e.g. <c>HC0051</c>), <see cref="Details"/>
/// carries the numbers a client needs (limits, the offending value) — GraphQL puts both into <c>extensions</c>.
/// </summary>
public sealed class QueryException(
    string parameter, string message, string code = QueryException.InvalidQueryCode, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public const string InvalidQueryCode = "INVALID_QUERY";

    public string Parameter { get; } = parameter;

    public string Code { get; } = code;

    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}
