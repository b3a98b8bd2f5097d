using GraphQLParser.AST;

namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>Every node of one response name, and whether it may be left out.</summary>
internal sealed class CollectedField(string responseName, List<GraphQLField> nodes)
{
    public string ResponseName { get; } = responseName;

    public List<GraphQLField> Nodes { get; } = nodes;

    public bool Conditional { get; set; }

    public string FieldName => Nodes[0].Name.StringValue;
}
