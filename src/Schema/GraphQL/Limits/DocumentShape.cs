using GraphQLParser;
using GraphQLParser.AST;

namespace Coco.Connectors.GraphQL.Limits;

/// <summary>
/// Measures a parsed document as execution would see it — fragments expanded — without ever expanding it: each
/// fragment is measured once and its measure reused at every spread (as CollectFields collects a fragment once per
/// selection set), so the work is linear in the document even when the expansion is exponential. Fragments no
/// operation uses are measured too (the validator still walks them).
/// </summary>
internal sealed class DocumentShape
{
    private readonly Dictionary<ROM, GraphQLFragmentDefinition> _fragments = [];
    private readonly Dictionary<GraphQLFragmentDefinition, SelectionMeasure> _measured = [];
    private readonly HashSet<GraphQLFragmentDefinition> _inProgress = [];
    private readonly int _maxSpreadDepth;

    private DocumentShape(GraphQLDocument document, int maxSpreadDepth)
    {
        _maxSpreadDepth = maxSpreadDepth;
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
            {
                _fragments.TryAdd(fragment.FragmentName.Name.Value, fragment);
            }
        }
    }

    /// <summary>Operations and unused fragments together (each counted at least once).</summary>
    public SelectionMeasure Total { get; private set; }

    /// <summary>The most root fields of one mutation operation (meta fields such as <c>__typename</c> aside).</summary>
    public long MostMutationFields { get; private set; }

    public int Operations { get; private set; }

    /// <summary>A fragment spreads itself (directly or not): validation reports it, and nothing is expanded further.</summary>
    public bool HasFragmentCycle { get; private set; }

    /// <summary>Fragments are spread inside one another deeper than allowed; nothing deeper was measured.</summary>
    public bool SpreadsTooDeep { get; private set; }

    public IReadOnlyDictionary<ROM, GraphQLFragmentDefinition> Fragments => _fragments;

    /// <summary>The fragments no operation reaches, in document order.</summary>
    public List<GraphQLFragmentDefinition> UnusedFragments { get; } = [];

    public static DocumentShape Measure(GraphQLDocument document, int maxSpreadDepth)
    {
        var shape = new DocumentShape(document, maxSpreadDepth);
        var total = default(SelectionMeasure);
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition operation)
            {
                shape.Operations++;
                var measure = shape.Measure(operation.SelectionSet, spreadDepth: 0);
                measure = measure with { Directives = SelectionMeasure.Add(measure.Directives, DirectivesOf(operation)) };
                total = total.Plus(measure);
                if (operation.Operation == OperationType.Mutation)
                {
                    shape.MostMutationFields = Math.Max(shape.MostMutationFields, measure.RootFields);
                }
            }
        }

        foreach (var fragment in shape._fragments.Values)
        {
            if (!shape._measured.ContainsKey(fragment))
            {
                shape.UnusedFragments.Add(fragment);
                total = total.Plus(shape.MeasureFragment(fragment, spreadDepth: 1));
            }
        }

        shape.Total = total;
        return shape;
    }

    private SelectionMeasure Measure(GraphQLSelectionSet set, int spreadDepth)
    {
        var measure = default(SelectionMeasure);
        foreach (var selection in set.Selections)
        {
            measure = measure.Plus(selection switch
            {
                GraphQLField field => MeasureField(field, spreadDepth),
                GraphQLInlineFragment inline => Measure(inline.SelectionSet, spreadDepth) is var inner
                    ? inner with { Selections = SelectionMeasure.Add(inner.Selections, 1), Directives = SelectionMeasure.Add(inner.Directives, Count(inline.Directives)) }
                    : default,
                GraphQLFragmentSpread spread => MeasureSpread(spread, spreadDepth),
                _ => default,
            });
        }

        return measure;
    }

    private SelectionMeasure MeasureField(GraphQLField field, int spreadDepth)
    {
        var children = field.SelectionSet is { } set ? Measure(set, spreadDepth) : default;
        return new SelectionMeasure(
            SelectionMeasure.Add(children.Selections, 1),
            SelectionMeasure.Add(children.Aliases, field.Alias is null ? 0 : 1),
            SelectionMeasure.Add(children.Directives, Count(field.Directives)),
            children.Depth + 1,
            children.SpreadDepth,
            IsMetaField(field) ? 0 : 1);
    }

    private SelectionMeasure MeasureSpread(GraphQLFragmentSpread spread, int spreadDepth)
    {
        var own = new SelectionMeasure(1, 0, Count(spread.Directives), 0, 0, 0);
        if (!_fragments.TryGetValue(spread.FragmentName.Name.Value, out var fragment))
        {
            return own; // Unknown fragment: validation reports it.
        }

        var inner = MeasureFragment(fragment, spreadDepth + 1);
        SpreadsTooDeep |= spreadDepth + 1 + inner.SpreadDepth > _maxSpreadDepth;

        return own.Plus(inner) with { Depth = inner.Depth, SpreadDepth = inner.SpreadDepth + 1 };
    }

    private SelectionMeasure MeasureFragment(GraphQLFragmentDefinition fragment, int spreadDepth)
    {
        if (_measured.TryGetValue(fragment, out var known))
        {
            return known;
        }

        // Checked on the way down, so a chain of fragments never recurses further than the limit. The document is
        // refused either way; what was measured above this depth still counts, so a fan-out reports its fields.
        if (spreadDepth > _maxSpreadDepth)
        {
            SpreadsTooDeep = true;
            return default;
        }

        if (!_inProgress.Add(fragment))
        {
            HasFragmentCycle = true;
            return default;
        }

        var measure = Measure(fragment.SelectionSet, spreadDepth);
        measure = measure with { Directives = SelectionMeasure.Add(measure.Directives, Count(fragment.Directives)) };
        _inProgress.Remove(fragment);
        _measured[fragment] = measure;
        return measure;
    }

    private static bool IsMetaField(GraphQLField field) => field.Name.Value.Span.StartsWith("__", StringComparison.Ordinal);

    private static long Count(GraphQLDirectives? directives) => directives?.Count ?? 0;

    private static long DirectivesOf(GraphQLOperationDefinition operation) =>
        Count(operation.Directives) + (operation.Variables?.Items.Sum(v => Count(v.Directives)) ?? 0);
}
