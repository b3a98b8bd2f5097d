namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>
/// A generated result record for one selection. Nested shapes live inside the record of their operation or
/// fragment (the container); members of an abstract shape live inside it.
/// </summary>
internal abstract class ShapeModel(string graphQLType, string? description)
{
    public string GraphQLType { get; } = graphQLType;

    public string? Description { get; } = description;

    public string Name { get; set; } = graphQLType;

    /// <summary>The shape this one is declared inside, or null at the top level.</summary>
    public ShapeModel? DeclaringShape { get; set; }

    /// <summary>Shapes declared inside this one, in the order they were made.</summary>
    public List<ShapeModel> Nested { get; } = [];

    public abstract string Signature { get; }
}
