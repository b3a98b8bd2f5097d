using GraphQLParser;
using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// Estimates the work of the spec's field-merging check (OverlappingFieldsCanBeMerged), which compares every pair of
/// same-named fields, and every pair of fragments spread side by side, within one selection set: quadratic in the
/// repeats. Walks the selection sets as execution merges them (same response name → one merged child set), each
/// fragment collected once per set. Only run on documents whose expansion is within the field limit, so the walk
/// itself is bounded.
/// </summary>
internal sealed class FieldMergeCounter(IReadOnlyDictionary<ROM, GraphQLFragmentDefinition> fragments, long budget, long maxSteps)
{
    private long _steps;

    public long Comparisons { get; private set; }

    public bool OverBudget => Comparisons > budget;

    public void Add(GraphQLSelectionSet root) => Visit([root]);

    private void Visit(List<GraphQLSelectionSet> sets)
    {
        var byName = new Dictionary<ROM, List<GraphQLField>>();
        var spread = new HashSet<ROM>();
        foreach (var set in sets)
        {
            Collect(set, byName, spread);
        }

        Comparisons = SelectionMeasure.Add(Comparisons, Pairs(spread.Count));
        foreach (var group in byName.Values)
        {
            Comparisons = SelectionMeasure.Add(Comparisons, Pairs(group.Count));
        }

        foreach (var group in byName.Values)
        {
            if (OverBudget || _steps > maxSteps)
            {
                return;
            }

            var children = group.Where(f => f.SelectionSet is not null).Select(f => f.SelectionSet!).ToList();
            if (children.Count > 0)
            {
                Visit(children);
            }
        }
    }

    private void Collect(GraphQLSelectionSet set, Dictionary<ROM, List<GraphQLField>> byName, HashSet<ROM> spread)
    {
        foreach (var selection in set.Selections)
        {
            _steps++;
            switch (selection)
            {
                case GraphQLField field:
                    var name = (field.Alias?.Name ?? field.Name).Value;
                    if (!byName.TryGetValue(name, out var group))
                    {
                        byName[name] = group = [];
                    }

                    group.Add(field);
                    break;
                case GraphQLInlineFragment inline:
                    Collect(inline.SelectionSet, byName, spread);
                    break;
                case GraphQLFragmentSpread fragmentSpread:
                    var fragmentName = fragmentSpread.FragmentName.Name.Value;
                    if (spread.Add(fragmentName) && fragments.TryGetValue(fragmentName, out var fragment))
                    {
                        Collect(fragment.SelectionSet, byName, spread);
                    }

                    break;
            }
        }
    }

    private static long Pairs(long n) => n * (n - 1) / 2;
}
