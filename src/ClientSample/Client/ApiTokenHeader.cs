namespace Coco.Connectors.Client;

/// <summary>Where the API token goes: Coco Server's header (CONTRACT §4a), also the connection_init payload key.</summary>
internal static class ApiTokenHeader
{
    public const string Name = "X-API-TOKEN";
}
