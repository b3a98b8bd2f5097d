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

/// <summary>A selection on an object type: a sealed record (a member of an abstract shape when <see cref="Base"/> is set).</summary>
internal sealed class ObjectShape(string graphQLType, string? description, IReadOnlyList<FieldModel> fields) : ShapeModel(graphQLType, description)
{
    public IReadOnlyList<FieldModel> Fields { get; } = fields;

    public AbstractShape? Base { get; set; }

    public override string Signature =>
        "{" + GraphQLType + ":" + string.Join(",", Fields.Select(f => f.ResponseName + ":" + f.Type.Signature)) + "}";
}

/// <summary>
/// A selection on an interface or union: an abstract record with a private constructor whose sealed members are
/// every possible object type, so the hierarchy is closed.
/// </summary>
internal sealed class AbstractShape(string graphQLType, string? description, IReadOnlyList<FieldModel> commonFields, IReadOnlyList<ObjectShape> members)
    : ShapeModel(graphQLType, description)
{
    public IReadOnlyList<FieldModel> CommonFields { get; } = commonFields;

    public IReadOnlyList<ObjectShape> Members { get; } = members;

    public override string Signature => "<" + GraphQLType + ":" + string.Join("|", Members.Select(m => m.Signature)) + ">";
}

/// <summary>One field of a result record, named by its response name (alias or field name).</summary>
internal sealed record FieldModel(string ResponseName, string PropertyName, TypeRef Type, string? Description);
