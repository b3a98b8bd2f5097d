namespace Coco.Connectors.Server.Rest;

public static class ConnectorApi
{
    public static IEndpointRouteBuilder MapConnectorApi(this IEndpointRouteBuilder app) => app;
}
