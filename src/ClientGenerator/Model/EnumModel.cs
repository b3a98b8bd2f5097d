namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>A schema enum, generated as a C# enum with PascalCase members.</summary>
internal sealed record EnumModel(string GraphQLName, string? Description, IReadOnlyList<EnumValueModel> Values);
