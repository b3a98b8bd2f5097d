using System.Net;
using System.Net.Sockets;

namespace Coco.Connectors.Server.RateLimits;

/// <summary>
/// Whose bucket a request draws from: an API token (by name), or a client address. Addresses are kept as numbers, not
/// strings, so finding the bucket allocates nothing; an IPv6 client is its /64 network, as for the streaming caps
/// (<c>ClientAddress</c>), since one subscriber line routinely holds a whole /64.
/// </summary>
internal readonly record struct RatePartition(string? Token, UInt128 Address)
{
    /// <summary>Clients on this machine when they are exempt: one bucket that never limits.</summary>
    public static RatePartition Exempt { get; } = new("", 0);

    public bool IsToken => Token is { Length: > 0 };

    public static RatePartition ForToken(string name) => new(name, 0);

    public static RatePartition ForAddress(IPAddress? address)
    {
        if (address is null)
        {
            return new RatePartition(null, 0);
        }

        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            // Kept as IPv4-mapped IPv6 (::ffff:a.b.c.d), so both forms of one IPv4 client share a bucket.
            address.TryWriteBytes(bytes[12..], out _);
            bytes[10] = 0xff;
            bytes[11] = 0xff;
            return new RatePartition(null, ToNumber(bytes));
        }

        address.TryWriteBytes(bytes, out _);
        if (!address.IsIPv4MappedToIPv6)
        {
            bytes[8..].Clear();
        }

        return new RatePartition(null, ToNumber(bytes));
    }

    private static UInt128 ToNumber(ReadOnlySpan<byte> bytes) =>
        new(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
}
