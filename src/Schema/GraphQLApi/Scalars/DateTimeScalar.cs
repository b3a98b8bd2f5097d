using System.Globalization;
using System.Text.RegularExpressions;
using Coco.Connectors.Domain;
using Coco.Connectors.GraphQLApi.Introspection;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi.Scalars;

/// <summary>
/// <c>DateTime</c> as HotChocolate v14+ has it: strict RFC 3339 with a required offset. Values are compared in UTC,
/// so an offset-less input is refused rather than read in the server's time zone.
/// </summary>
public sealed partial class DateTimeScalar : ScalarGraphType
{
    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "A date and time in RFC 3339 form. Output is UTC with milliseconds, e.g. `2025-01-15T02:00:00.000Z`; input may use any offset, e.g. `2025-01-15T10:00:00+08:00`.";
        this.ApplyDirective(SpecifiedByDirective.DirectiveName, SpecifiedByDirective.UrlArgument, "https://www.graphql-scalars.com/date-time");
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateTime time => Rfc3339.FormatMilliseconds(time),
        DateTimeOffset offset => Rfc3339.FormatMilliseconds(offset.UtcDateTime),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string text => Parse(text),
        DateTimeOffset offset => offset.UtcDateTime,
        DateTime dt when dt.Kind == DateTimeKind.Utc => dt,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => Parse((string)s.Value),
        _ => ThrowLiteralConversionError(value),
    };

    private static DateTime Parse(string text)
    {
        // RFC 3339 date-time: 'T' or 't' (or a space, which RFC 3339 allows), seconds, any fraction, 'Z'/'z' or ±hh:mm.
        var match = Rfc3339Pattern().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not an RFC 3339 date-time with an offset, e.g. 2025-01-15T10:00:00Z.");
        }

        // .NET reads at most 7 fraction digits; finer ones are below a tick and dropped.
        var fraction = match.Groups["fraction"].Value;
        var offset = match.Groups["offset"].Value is "Z" or "z" ? "+00:00" : match.Groups["offset"].Value;
        var normalized = $"{match.Groups["date"].Value}T{match.Groups["time"].Value}{(fraction.Length > 8 ? fraction[..8] : fraction)}{offset}";
        if (!DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            throw new FormatException($"'{text}' is not a valid RFC 3339 date and time.");
        }

        return parsed.UtcDateTime;
    }

    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ](?<time>[0-9]{2}:[0-9]{2}:[0-9]{2})(?<fraction>\.[0-9]{1,30})?(?<offset>[Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Pattern();
}
