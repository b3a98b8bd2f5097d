namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>A schema input type, generated as a record whose optional fields are sent only when set.</summary>
internal sealed class InputObjectModel(string graphQLName, string? description)
{
    public string GraphQLName { get; } = graphQLName;

    public string? Description { get; } = description;

    public List<InputFieldModel> Fields { get; } = [];
}

/// <summary>An input field; <see cref="Required"/> when it is non-null without a default.</summary>
internal sealed record InputFieldModel(string GraphQLName, string PropertyName, TypeRef Type, bool Required, string? Description);
