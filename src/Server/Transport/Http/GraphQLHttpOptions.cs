namespace Coco.Connectors.Server.Transport.Http;

/// <summary>Limits of the GraphQL HTTP endpoint, bound from the <c>GraphQL:Http</c> configuration section.</summary>
public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL:Http";

    /// <summary>The largest POST body accepted; bigger ones get 413. Defaults to 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = Hosting.RequestBody.DefaultMaxBytes;
}
