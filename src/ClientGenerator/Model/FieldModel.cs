namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>One field of a result record, named by its response name (alias or field name).</summary>
internal sealed record FieldModel(string ResponseName, string PropertyName, TypeRef Type, string? Description);
