namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>An input field; <see cref="Required"/> when it is non-null without a default.</summary>
internal sealed record InputFieldModel(string GraphQLName, string PropertyName, TypeRef Type, bool Required, string? Description);
