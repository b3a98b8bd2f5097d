using GraphQL.Types;
using GraphQLParser.AST;

namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>
/// The spec's CollectFields for code generation: the fields an object of one type receives from selection sets,
/// fragments included, grouped by response name. A field reached only through <c>@skip</c>/<c>@include</c> may be
/// absent, so it is marked conditional (and becomes nullable).
/// </summary>
internal sealed class FieldCollector(SchemaLookup lookup)
{
    public IReadOnlyList<CollectedField> Collect(IObjectGraphType type, IEnumerable<GraphQLSelectionSet> selectionSets)
    {
        var fields = new List<CollectedField>();
        var index = new Dictionary<string, CollectedField>(StringComparer.Ordinal);
        foreach (var set in selectionSets)
        {
            Collect(type, set, conditional: false, fields, index, []);
        }

        return fields;
    }

    private void Collect(IObjectGraphType type, GraphQLSelectionSet set, bool conditional, List<CollectedField> fields,
        Dictionary<string, CollectedField> index, HashSet<string> visitedFragments)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                {
                    var here = conditional || IsConditional(field.Directives);
                    var name = field.Alias?.Name.StringValue ?? field.Name.StringValue;
                    if (index.TryGetValue(name, out var existing))
                    {
                        existing.Nodes.Add(field);
                        existing.Conditional &= here;
                    }
                    else
                    {
                        var collected = new CollectedField(name, [field]) { Conditional = here };
                        index.Add(name, collected);
                        fields.Add(collected);
                    }

                    break;
                }

                case GraphQLInlineFragment inline when lookup.Applies(inline.TypeCondition?.Type.Name.StringValue, type):
                    Collect(type, inline.SelectionSet, conditional || IsConditional(inline.Directives), fields, index, visitedFragments);
                    break;
                case GraphQLFragmentSpread spread:
                {
                    var fragment = lookup.Fragment(spread.FragmentName.Name.StringValue);
                    if (lookup.Applies(fragment.TypeCondition.Type.Name.StringValue, type) && visitedFragments.Add(fragment.FragmentName.Name.StringValue))
                    {
                        Collect(type, fragment.SelectionSet, conditional || IsConditional(spread.Directives), fields, index, visitedFragments);
                        visitedFragments.Remove(fragment.FragmentName.Name.StringValue);
                    }

                    break;
                }
            }
        }
    }

    private static bool IsConditional(GraphQLDirectives? directives) =>
        directives?.Items.Any(d => d.Name.StringValue is "skip" or "include") == true;
}
