using Coco.Connectors.Secrets;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.GraphQL;

public static class GraphQLRegistration
{
    /// <summary>The schema, its graph types, the serializer and the secret-masking middleware.</summary>
    public static IServiceCollection AddConnectorGraphQL(this IServiceCollection services)
    {
        services.AddGraphQL(b => b
            .AddSchema<ConnectorSchema>()
            .AddQueryLimits()
            .AddGraphTypes(typeof(ConnectorSchema).Assembly)
            .AddSystemTextJson()
            .UseMiddleware<SecretMaskingMiddleware>());
        return services;
    }
}
