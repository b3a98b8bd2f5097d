namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>One enum value: its wire name and its C# member name.</summary>
internal sealed record EnumValueModel(string GraphQLName, string CSharpName, string? Description);
