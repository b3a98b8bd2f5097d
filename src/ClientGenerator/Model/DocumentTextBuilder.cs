using System.Text;
using Coco.Connectors.ClientGenerator.Documents;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>
/// The text sent for one operation: the operation and every fragment it reaches, as written, with
/// <c>__typename</c> added to each selection on an interface or union (the client picks the C# type by it).
/// </summary>
internal sealed class DocumentTextBuilder
{
    private readonly SchemaLookup _lookup;
    private readonly OperationDocument _document;
    private readonly HashSet<int> _insertions = [];

    public DocumentTextBuilder(SchemaLookup lookup, OperationDocument document)
    {
        _lookup = lookup;
        _document = document;
        foreach (var definition in document.Document.Definitions)
        {
            switch (definition)
            {
                case GraphQLOperationDefinition operation:
                    Walk(operation.SelectionSet, _lookup.Root(operation.Operation));
                    break;
                case GraphQLFragmentDefinition fragment:
                    Walk(fragment.SelectionSet, _lookup.Type(fragment.TypeCondition.Type.Name.StringValue));
                    break;
            }
        }
    }

    public string Build(GraphQLOperationDefinition operation)
    {
        var text = new StringBuilder(Slice(operation));
        var fragments = new List<string>();
        CollectSpreads(operation.SelectionSet, fragments);
        for (var i = 0; i < fragments.Count; i++)
        {
            var fragment = _lookup.Fragment(fragments[i]);
            CollectSpreads(fragment.SelectionSet, fragments);
            text.Append('\n').Append(Slice(fragment));
        }

        return text.ToString();
    }

    // Only a field's own selection needs __typename: fragments inside it share the field's object.
    private void Walk(GraphQLSelectionSet set, IGraphType type, bool isField = false)
    {
        if (isField && SchemaLookup.IsAbstract(type))
        {
            _insertions.Add(_document.Text.IndexOf('{', set.Location.Start) + 1);
        }

        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField { SelectionSet: { } inner } field when type is IComplexGraphType complex:
                    Walk(inner, SchemaLookup.Named(SchemaLookup.FieldType(complex, field.Name.StringValue)), isField: true);
                    break;
                case GraphQLInlineFragment inline:
                    Walk(inline.SelectionSet, inline.TypeCondition is { } condition ? _lookup.Type(condition.Type.Name.StringValue) : type);
                    break;
            }
        }
    }

    private static void CollectSpreads(GraphQLSelectionSet set, List<string> fragments)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLFragmentSpread spread when !fragments.Contains(spread.FragmentName.Name.StringValue):
                    fragments.Add(spread.FragmentName.Name.StringValue);
                    break;
                case GraphQLField { SelectionSet: { } inner }:
                    CollectSpreads(inner, fragments);
                    break;
                case GraphQLInlineFragment inline:
                    CollectSpreads(inline.SelectionSet, fragments);
                    break;
            }
        }
    }

    // A definition's location runs on to the next token, over blank lines and the next file's comments: end at its last brace.
    private string Slice(ASTNode node)
    {
        var builder = new StringBuilder();
        var start = node.Location.Start;
        var end = _document.Text.LastIndexOf('}', node.Location.End - 1) + 1;
        foreach (var at in _insertions.Where(i => i > start && i < end).Order())
        {
            builder.Append(_document.Text, start, at - start).Append(" __typename");
            start = at;
        }

        return builder.Append(_document.Text, start, end - start).ToString();
    }
}
