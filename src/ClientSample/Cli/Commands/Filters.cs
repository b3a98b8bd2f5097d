using Coco.Connectors.Client;

namespace Coco.Connectors.ClientSample.Cli.Commands;

/// <summary>The <c>where</c> filters the console's options stand for.</summary>
internal static class Filters
{
    /// <summary>Connectors of exactly this category (as GraphQL's <c>eq</c>: case-sensitive); null for no filter.</summary>
    public static ConnectorFilterInput? Category(string? category) =>
        category is null ? null : new ConnectorFilterInput { Category = new StringOperationFilterInput { Eq = category } };
}
