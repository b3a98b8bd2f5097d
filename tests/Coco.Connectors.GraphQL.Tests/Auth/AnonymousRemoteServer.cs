using Microsoft.AspNetCore.Hosting;

namespace Coco.Connectors.Tests.Auth;

/// <summary>A remote client's view of a server that has <c>Auth:AllowAnonymous=true</c> and no token.</summary>
public sealed class AnonymousRemoteServer : RemoteClientServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:AllowAnonymous", "true");
    }
}
