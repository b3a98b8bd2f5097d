using System.Globalization;

namespace Coco.Connectors.Domain;

/// <summary>
/// The one place that reads a .NET time as UTC and writes it as RFC 3339: REST in Coco's form, GraphQL in
/// HotChocolate's.
/// </summary>
public static class Rfc3339
{
    /// <summary>
    /// The UTC time of <paramref name="value"/>. A time without a kind is UTC already: the store keeps UTC and reads
    /// it back unspecified.
    /// </summary>
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    /// <summary>Coco's form: UTC as <c>+00:00</c>, with as many fraction digits as needed.</summary>
    public static string Format(DateTime time) =>
        new DateTimeOffset(ToUtc(time)).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>HotChocolate's form: UTC as <c>Z</c>, always three fraction digits (the store keeps milliseconds).</summary>
    public static string FormatMilliseconds(DateTime time) =>
        ToUtc(time).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
