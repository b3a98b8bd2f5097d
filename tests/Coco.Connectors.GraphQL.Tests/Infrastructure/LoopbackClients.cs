using System.Net;
using System.Net.Sockets;

namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>
/// Connections that leave from another loopback address (127.0.0.2, 127.0.0.3, …: all of 127/8 is this machine), so
/// one test can play several clients against the server's per-client limits.
/// </summary>
public static class LoopbackClients
{
    public static IPAddress Address(int n) => IPAddress.Parse($"127.0.0.{n}");

    /// <summary>A handler whose connections are bound to <paramref name="local"/>.</summary>
    public static SocketsHttpHandler Handler(IPAddress local) => new()
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>An HTTP client of <paramref name="server"/> whose connections come from <paramref name="local"/>.</summary>
    public static HttpClient HttpClient(CocoServer server, IPAddress local) => server.WithTestToken(new HttpClient(Handler(local)) { BaseAddress = server.BaseAddress });
}
