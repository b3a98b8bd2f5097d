using System.Net;
using System.Net.Sockets;

namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>
/// A loopback port for a listener that binds it later, or again after a stop (a restart at the same address). Taken
/// below the range the OS assigns to outgoing connections and to port-0 listeners (32768 and up on Linux, 49152 and
/// up on Windows): a port from that range, free when chosen, may be handed to any connection on a busy machine
/// before it is bound.
/// </summary>
public static class UnassignedPort
{
    private const int First = 20_000, End = 32_000;

    /// <summary>A port in 20000–31999 that nothing listens on right now.</summary>
    public static int Pick()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(First, End);
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException) when (attempt < 100)
            {
                // Taken: another one.
            }
        }
    }
}
