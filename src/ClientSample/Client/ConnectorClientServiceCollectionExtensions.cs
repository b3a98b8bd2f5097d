using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coco.Connectors.Client;

/// <summary>Registers <see cref="IConnectorClient"/> in one call.</summary>
public static class ConnectorClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IConnectorClient"/> for the server at <paramref name="baseUri"/> (e.g. <c>http://127.0.0.1:9000</c>).
    /// Returns the HTTP client's builder, for handlers such as retries or authentication.
    /// </summary>
    public static IHttpClientBuilder AddConnectorClient(this IServiceCollection services, Uri baseUri, Action<ConnectorClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The server address must be an absolute http or https URL, not '{baseUri}'.", nameof(baseUri));
        }

        services.AddLogging();
        services.AddOptions<ConnectorClientOptions>().Configure(options =>
        {
            options.BaseAddress = baseUri;
            configure?.Invoke(options);
        });
        services.TryAddSingleton<GraphQLWebSocketTransport>();
        services.TryAddTransient<IConnectorClient, ConnectorClient>();
        return services.AddHttpClient<GraphQLHttpTransport>();
    }
}
