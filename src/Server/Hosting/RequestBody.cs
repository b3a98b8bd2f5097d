using System.Buffers;

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
    /// The whole body, or null when it is larger than <paramref name="maxBytes"/>. A body whose HTTP framing is broken
    /// (e.g. a chunk size that overflows) throws <see cref="BadHttpRequestException"/> with a 4xx status.
    /// </summary>
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
        catch (IOException e) when (!ct.IsCancellationRequested)
        {
            // Kestrel reports some malformed chunked framing as a plain IOException. The client sent it, so it is a
            // 400 like every other framing problem (those already arrive as BadHttpRequestException), never a 500.
            body.Dispose();
            throw new BadHttpRequestException("The request body's framing is malformed.", StatusCodes.Status400BadRequest, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        body.Position = 0;
        return body;
    }
}
