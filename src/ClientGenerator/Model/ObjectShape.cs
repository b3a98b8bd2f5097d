namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>A selection on an object type: a sealed record (a member of an abstract shape when <see cref="Base"/> is set).</summary>
internal sealed class ObjectShape(string graphQLType, string? description, IReadOnlyList<FieldModel> fields) : ShapeModel(graphQLType, description)
{
    public IReadOnlyList<FieldModel> Fields { get; } = fields;

    public AbstractShape? Base { get; set; }

    public override string Signature =>
        "{" + GraphQLType + ":" + string.Join(",", Fields.Select(f => f.ResponseName + ":" + f.Type.Signature)) + "}";
}
