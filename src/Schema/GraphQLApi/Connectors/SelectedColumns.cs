using Coco.Connectors.Querying;
using GraphQL;
using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>
/// The columns a field returning connectors must load (<see cref="ConnectorColumns"/>): whole rows when its selection
/// names <c>config</c> or <c>assets</c> anywhere beneath it (under any alias, through fragments, whatever directives
/// say), rows without those large values otherwise. Each fragment is looked into once, so this is linear in the document.
/// </summary>
public static class SelectedColumns
{
    public static ConnectorColumns Of(IResolveFieldContext ctx) => ConnectorColumns.For(NamesLargeValues(ctx));

    private static bool NamesLargeValues(IResolveFieldContext ctx)
    {
        var fragments = ctx.Document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var entered = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<GraphQLSelectionSet>();
        if (ctx.FieldAst.SelectionSet is { } root)
        {
            pending.Push(root);
        }

        while (pending.TryPop(out var set))
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field when field.Name.StringValue is "config" or "assets":
                        return true;
                    case GraphQLField { SelectionSet: { } below }:
                        pending.Push(below);
                        break;
                    case GraphQLInlineFragment inline:
                        pending.Push(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread when entered.Add(spread.FragmentName.Name.StringValue)
                        && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                        pending.Push(fragment.SelectionSet);
                        break;
                }
            }
        }

        return false;
    }
}
