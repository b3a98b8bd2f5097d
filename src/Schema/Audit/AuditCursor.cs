using System.Globalization;
using System.Text;
using Coco.Connectors.Querying;

namespace Coco.Connectors.Audit;

/// <summary>The opaque GraphQL cursor of an audit entry: its sequence number, base64-encoded (as HotChocolate's cursors look).</summary>
public static class AuditCursor
{
    private const string Prefix = "audit:";

    public static string Encode(long seq) => Convert.ToBase64String(Encoding.ASCII.GetBytes(Prefix + seq.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The sequence number in <paramref name="cursor"/>, or a <see cref="QueryException"/> (HC0078) for anything else.</summary>
    public static long Decode(string cursor, string argument)
    {
        Span<byte> bytes = stackalloc byte[64];
        if (cursor.Length <= 88 && Convert.TryFromBase64String(cursor, bytes, out var written)
            && Encoding.ASCII.GetString(bytes[..written]) is { } text && text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return seq;
        }

        throw new QueryException(argument, $"The cursor given as `{argument}` is not an audit log cursor.", QueryErrorCodes.InvalidCursor,
            new Dictionary<string, object?> { ["argument"] = argument });
    }
}
