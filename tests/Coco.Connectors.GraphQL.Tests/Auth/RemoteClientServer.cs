using System.Net;
using Coco.Connectors.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.Auth;

/// <summary>
/// A server with no token configured whose requests all appear to come from another machine (203.0.113.7, a
/// documentation address): the connection's remote address is set before the server's own pipeline, as Kestrel
/// would set it for a remote client.
/// </summary>
public class RemoteClientServer : CocoServer
{
    public static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    protected override bool RequiresToken => false;

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter>(new FromRemote());

    private sealed class FromRemote : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate rest) =>
            {
                context.Connection.RemoteIpAddress = Remote;
                return rest(context);
            });
            next(app);
        };
    }
}
