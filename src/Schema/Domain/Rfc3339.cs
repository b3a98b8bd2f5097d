using System.Globalization;

namespace Coco.Connectors.Domain;

/// <summary>The one timestamp format on the wire: RFC 3339 in UTC with as many fraction digits as needed.</summary>
public static class Rfc3339
{
    public static string Format(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
