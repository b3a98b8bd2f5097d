using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>A response read off a raw socket: status and body (de-chunked).</summary>
public sealed record RawResponse(int Status, string Body)
{
    public JsonNode? Json => JsonNode.Parse(Body);
}

/// <summary>
/// Sends bytes no HTTP client library would produce (broken chunked framing, half bodies) over a real TCP connection
/// and reads the answer until the server closes.
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request)
    {
        using var timeout = new CancellationTokenSource(Patience.Limit);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request, timeout.Token);
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // A reset after the response is as good as a close.
        }

        return Parse(Encoding.UTF8.GetString(received.ToArray()));
    }

    /// <summary>
    /// A request head (with <c>Connection: close</c> and, unless <paramref name="withTestToken"/> is false for a server in
    /// protected mode, the test token of <see cref="CocoServer"/>) followed by <paramref name="body"/> as given.
    /// </summary>
    public static byte[] Request(string method, string path, string headers, string body, bool withTestToken = true) =>
        Encoding.UTF8.GetBytes($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + (withTestToken ? $"X-API-TOKEN: {CocoServer.TestToken}\r\n" : "") + $"{headers}\r\n{body}");

    public static RawResponse Parse(string text)
    {
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headEnd > 0, $"No complete response: '{text}'");
        var head = text[..headEnd];
        var body = text[(headEnd + 4)..];
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, body);
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[position..lineEnd], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            // The bodies here are ASCII JSON, so characters and bytes agree.
            result.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
