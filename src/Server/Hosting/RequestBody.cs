using System.Buffers;
using System.Text.Unicode;

namespace Coco.Connectors.Server.Hosting;

/// <summary>
/// Reads request bodies with a size limit. The handlers' limit is far below Kestrel's hard cap, so an over-long body
/// is answered with a proper 413 (Kestrel drains the rest) instead of a connection reset mid-upload.
/// </summary>
public static class RequestBody
{
    /// <summary>What one request may carry to any route; connectors and GraphQL requests are small documents.</summary>
    public const long DefaultMaxBytes = 1024 * 1024;

    /// <summary>Kestrel's hard cap: beyond it the connection is cut rather than drained.</summary>
    public const long HardCapBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Whether the body is well-formed UTF-8. JSON parsers accept malformed bytes inside strings and fail only when
    /// the string is read, deep inside a handler; checking up front turns that into a plain 400.
    /// </summary>
    public static bool IsUtf8(MemoryStream body) => Utf8.IsValid(body.GetBuffer().AsSpan(0, (int)body.Length));

    /// <summary>The whole body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<MemoryStream?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var body = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    return null;
                }

                body.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        body.Position = 0;
        return body;
    }
}
