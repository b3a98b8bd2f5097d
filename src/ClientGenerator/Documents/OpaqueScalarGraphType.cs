using GraphQL.Types;
using GraphQLParser.AST;

namespace Coco.Connectors.ClientGenerator.Documents;

/// <summary>A custom scalar of the schema (DateTime, JSON): any literal passes validation, the server judges it.</summary>
internal sealed class OpaqueScalarGraphType : ScalarGraphType
{
    public OpaqueScalarGraphType(string name)
    {
        Name = name;
    }

    public override bool CanParseLiteral(GraphQLValue value) => true;

    public override object? ParseLiteral(GraphQLValue value) => value;

    public override object? ParseValue(object? value) => value;
}
