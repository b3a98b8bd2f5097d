namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>A schema input type, generated as a record whose optional fields are sent only when set.</summary>
internal sealed class InputObjectModel(string graphQLName, string? description)
{
    public string GraphQLName { get; } = graphQLName;

    public string? Description { get; } = description;

    public List<InputFieldModel> Fields { get; } = [];
}
