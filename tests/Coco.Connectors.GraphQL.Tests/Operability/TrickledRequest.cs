using System.Net.Sockets;
using System.Text;
using Coco.Connectors.Tests.Infrastructure;

namespace Coco.Connectors.Tests.Operability;

/// <summary>
/// A request kept in flight for as long as a test wants: its body (JSON padded with whitespace) is sent a little at a
/// time, fast enough for the server's minimum data rate, until <see cref="FinishAsync"/> sends the rest and reads the
/// answer over the same raw connection.
/// </summary>
public sealed class TrickledRequest : IAsyncDisposable
{
    private const int Chunk = 2048;
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly byte[] _body;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _trickling;
    private int _sent;

    private TrickledRequest(TcpClient tcp, byte[] body)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _body = body;
        _trickling = TrickleAsync();
    }

    /// <summary>Starts a POST of <paramref name="json"/> to <paramref name="path"/>, padded to <paramref name="size"/> bytes.</summary>
    public static async Task<TrickledRequest> StartAsync(Uri server, string path, string json, int size)
    {
        var body = Encoding.UTF8.GetBytes(json.PadRight(size));
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var head = Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nX-API-TOKEN: {CocoServer.TestToken}\r\nContent-Length: {body.Length}\r\n\r\n");
        await tcp.GetStream().WriteAsync(head);
        return new TrickledRequest(tcp, body);
    }

    /// <summary>Sends what is left of the body and reads the response until the server closes.</summary>
    public async Task<RawResponse> FinishAsync()
    {
        await _stop.CancelAsync();
        await _trickling;
        await _stream.WriteAsync(_body.AsMemory(_sent));
        using var timeout = new CancellationTokenSource(Patience.Limit);
        using var received = new MemoryStream();
        await _stream.CopyToAsync(received, timeout.Token);
        return RawHttp.Parse(Encoding.UTF8.GetString(received.ToArray()));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _trickling;
        _tcp.Dispose();
        _stop.Dispose();
    }

    // Leaves at least one chunk unsent, so the request stays in flight until FinishAsync.
    private async Task TrickleAsync()
    {
        try
        {
            while (_sent + (2 * Chunk) < _body.Length)
            {
                await Task.Delay(50, _stop.Token);
                await _stream.WriteAsync(_body.AsMemory(_sent, Chunk));
                _sent += Chunk;
            }
        }
        catch (OperationCanceledException)
        {
            // Finishing or disposing.
        }
    }
}
