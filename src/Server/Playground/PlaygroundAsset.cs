namespace Coco.Connectors.Server.Playground;

/// <summary>One file of the GraphiQL bundle: its media type and the embedded resources holding each encoding of it.</summary>
/// <param name="Name">The hashed file name, as the page and other bundle files refer to it.</param>
/// <param name="ContentType">The <c>Content-Type</c> to serve it with.</param>
/// <param name="Resources">Content coding (<c>identity</c>, <c>gzip</c>, <c>br</c>) → manifest resource name.</param>
public sealed record PlaygroundAsset(string Name, string ContentType, IReadOnlyDictionary<string, string> Resources);
