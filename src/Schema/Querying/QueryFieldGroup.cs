namespace Coco.Connectors.Querying;

/// <summary>A nested object whose fields are queryable (<c>processor</c>), as the GraphQL inputs describe it.</summary>
public sealed record QueryFieldGroup(string Name, string RestName, string FilterDescription, string SortDescription);
