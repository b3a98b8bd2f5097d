using System.Net;
using System.Net.Sockets;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// The client a connection counts against for the per-client caps: its IPv4 address, or the /64 network of an IPv6
/// address (one subscriber line routinely holds a whole /64, so a per-address cap would not hold there). Behind a
/// reverse proxy this is the proxy unless forwarded headers are enabled.
/// </summary>
internal readonly record struct ClientAddress(string Value)
{
    public static ClientAddress Of(IPAddress? address)
    {
        if (address is null)
        {
            return new ClientAddress("local");
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return new ClientAddress(address.ToString());
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new ClientAddress($"{new IPAddress(bytes)}/64");
    }

    public override string ToString() => Value;
}
