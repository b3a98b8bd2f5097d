namespace Coco.Connectors.ClientGenerator.Model;

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
