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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:ConnectionString", $"Data Source={_databasePath}");
    }
}
