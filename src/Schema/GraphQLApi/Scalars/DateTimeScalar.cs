using System.Globalization;
using Coco.Connectors.GraphQLApi.Introspection;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi.Scalars;

/// <summary>
/// <c>DateTime</c> as HotChocolate v14+ has it: strict RFC 3339 with a required offset. Values are compared in UTC,
/// so an offset-less input is refused rather than read in the server's time zone.
/// </summary>
public sealed class DateTimeScalar : ScalarGraphType
{
    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "A date and time with offset, in RFC 3339 form, e.g. `2025-01-15T10:00:00+08:00`.";
        this.ApplyDirective(SpecifiedByDirective.DirectiveName, SpecifiedByDirective.UrlArgument, "https://www.graphql-scalars.com/date-time");
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateTime utc => Format(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))),
        DateTimeOffset offset => Format(offset),
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

    private static string Format(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static DateTime Parse(string text)
    {
        // RFC 3339 requires the 'T' (or space) separator, seconds and an offset; 'Z' counts as one.
        var hasOffset = text.Length > 19 && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-');
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            throw new FormatException($"'{text}' is not an RFC 3339 date-time with an offset, e.g. 2025-01-15T10:00:00Z.");
        }

        return parsed.UtcDateTime;
    }
}
