using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;

namespace Coco.Connectors.Server.Auth;

/// <summary>
/// The <c>Host</c> names accepted when <c>AllowedHosts</c> is not configured: the names the server is bound to (a
/// loopback bind answers to <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c>), so a DNS-rebinding page, whose
/// requests carry its own host name, gets 400. A wildcard bind (<c>0.0.0.0</c>, <c>+</c>) cannot know its names and
/// accepts any; set <c>AllowedHosts</c> there.
/// </summary>
public static class BoundHosts
{
    public static void Configure(HostFilteringOptions options, IServer server, IConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(configuration["AllowedHosts"]))
        {
            return;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var urls = addresses is { Count: > 0 } ? addresses : (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var url in urls)
        {
            var host = HostOf(url);
            if (host is null)
            {
                return; // A wildcard or unparsable bind: keep the default (any host).
            }

            hosts.Add(host);
            if (host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
            {
                hosts.UnionWith(["localhost", "127.0.0.1", "[::1]"]);
            }
        }

        if (hosts.Count > 0)
        {
            options.AllowedHosts = [.. hosts];
        }
    }

    private static string? HostOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? url : url[(start + 3)..];
        var end = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        var host = end <= 0 ? rest : rest[..end];
        return host is "" or "*" or "+" or "0.0.0.0" or "[::]" ? null : host;
    }
}
