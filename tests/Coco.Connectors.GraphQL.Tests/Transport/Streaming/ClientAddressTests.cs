using System.Net;
using Coco.Connectors.Server.Transport.Streaming;

namespace Coco.Connectors.Tests.Transport.Streaming;

/// <summary>Which connections count as one client for the per-client caps.</summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7", true)] // a dual-stack listener sees IPv4 clients as mapped addresses
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true)] // one /64, one subscriber line
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    public void Addresses_are_one_client_when_IPv4_is_equal_or_IPv6_shares_its_64_bit_prefix(string first, string second, bool same) =>
        Assert.Equal(same, ClientAddress.Of(IPAddress.Parse(first)) == ClientAddress.Of(IPAddress.Parse(second)));
}
