namespace Coco.Connectors.Server.Playground;

/// <summary>The browser pages, bound from the <c>Playground</c> configuration section.</summary>
public sealed class PlaygroundOptions
{
    public const string Section = "Playground";

    /// <summary>
    /// Whether browsers get GraphiQL at <c>/graphql</c> and <c>/graphql/ui</c> (default true). When false the page
    /// only points to the SDL; the API is the same either way.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
