using Coco.Connectors.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>The generated client as an app gets it: registered in DI with one call, pointed at a real server.</summary>
public sealed class ClientHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public ClientHost(Uri server, Action<ConnectorClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddConnectorClient(server, options =>
        {
            // Test servers require a token (see CocoServer); a test may still clear or replace it.
            options.ApiToken = Infrastructure.CocoServer.TestToken;
            configure?.Invoke(options);
        });
        _provider = services.BuildServiceProvider();
        Client = _provider.GetRequiredService<IConnectorClient>();
    }

    public IConnectorClient Client { get; }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
