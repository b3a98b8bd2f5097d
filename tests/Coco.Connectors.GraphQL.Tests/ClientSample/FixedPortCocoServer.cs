using System.Net;
using System.Net.Sockets;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>
/// The real server on a port and database file chosen by the test, so a second instance can take over both: a
/// server restart as a client sees it (its sockets closed, then the same address answering again).
/// </summary>
public sealed class FixedPortCocoServer : CocoServer
{
    private readonly string _databasePath;

    public FixedPortCocoServer(int port, string databasePath)
    {
        _databasePath = databasePath;
        UseKestrel(port);
    }

    /// <summary>A port free right now on the loopback address.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:ConnectionString", $"Data Source={_databasePath}");
    }
}
