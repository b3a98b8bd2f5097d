using System.Net;
using Coco.Connectors.Auth;
using Coco.Connectors.Server.RateLimits;
using Microsoft.AspNetCore.Http;

namespace Coco.Connectors.Tests.RateLimits;

/// <summary>Which bucket a request draws from, and that finding it adds no allocation of ours to the request path.</summary>
public sealed class RatePartitionTests
{
    [Theory]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7", true)]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2:bbbb::2", true)] // one /64: one subscriber line
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    public void Addresses_share_a_bucket_per_IPv4_address_or_IPv6_64(string a, string b, bool same)
    {
        var first = RatePartition.ForAddress(IPAddress.Parse(a));
        var second = RatePartition.ForAddress(IPAddress.Parse(b));
        Assert.Equal(same, first == second);
        Assert.False(first.IsToken);
    }

    [Fact]
    public void A_token_caller_draws_from_its_token_bucket_and_a_tokenless_one_from_its_address()
    {
        var context = Context("203.0.113.7", new Caller("ui", Permissions.Parse("*")));
        Assert.Equal(RatePartition.ForToken("ui"), ConnectorRateLimiter.PartitionOf(context, exemptLoopback: false));

        var anonymous = Context("203.0.113.7", Caller.Anonymous);
        Assert.Equal(RatePartition.ForAddress(IPAddress.Parse("203.0.113.7")), ConnectorRateLimiter.PartitionOf(anonymous, exemptLoopback: false));

        var local = Context("127.0.0.1", Caller.Local);
        Assert.Equal(RatePartition.Exempt, ConnectorRateLimiter.PartitionOf(local, exemptLoopback: true));
        Assert.NotEqual(RatePartition.Exempt, ConnectorRateLimiter.PartitionOf(local, exemptLoopback: false));
    }

    [Fact]
    public async Task Taking_a_permit_allocates_only_the_frameworks_one_small_closure_per_request()
    {
        var options = new RateLimitOptions();
        foreach (var bucket in new[] { options.PerToken, options.PerAddress })
        {
            bucket.PermitLimit = int.MaxValue;
            bucket.TokensPerPeriod = int.MaxValue;
        }
        using var buckets = ConnectorRateLimiter.Create(options);
        using var limiter = ConnectorRateLimiter.ForRequests(buckets, exemptLoopback: false);
        var contexts = new[] { Context("203.0.113.7", new Caller("ui", Permissions.Parse("*"))), Context("2001:db8::1", null) };
        foreach (var context in contexts)
        {
            (await limiter.AcquireAsync(context)).Dispose(); // creates the buckets
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            using var lease = await limiter.AcquireAsync(contexts[i % 2]);
            Assert.True(lease.IsAcquired);
        }

        // PartitionedRateLimiter's own look-up captures the partition in a closure (a few dozen bytes); everything of
        // ours (finding the partition, the bucket's factory, a granted lease) allocates nothing.
        Assert.InRange((GC.GetAllocatedBytesForCurrentThread() - before) / 1000, 0, 64);
    }

    private static DefaultHttpContext Context(string address, Caller? caller)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (caller is not null)
        {
            context.Items[Caller.UserContextKey] = caller;
        }

        return context;
    }
}
