using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// What the cost model knows about one schema, computed once per schema: which object types are pages (returned by
/// a field with <c>first</c>/<c>last</c>/<c>take</c>, so their lists are already sized by that field) and how long
/// each introspection list is on average in this schema, so that introspection costs what it returns — a full
/// IDE introspection query costs about as many fields as its answer has values — instead of nothing.
/// </summary>
internal sealed class SchemaCostFacts
{
    public static readonly string[] PagingArguments = ["first", "last", "take"];

    private static readonly ConditionalWeakTable<ISchema, SchemaCostFacts> Known = [];

    private readonly HashSet<string> _pageTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Field), double> _introspectionLists = [];

    private SchemaCostFacts(ISchema schema)
    {
        var types = schema.AllTypes.ToList();
        var outputFields = types.OfType<IComplexGraphType>().Where(t => t is IObjectGraphType or IInterfaceGraphType).SelectMany(t => t.Fields).ToList();
        foreach (var field in outputFields)
        {
            if (field.Arguments?.Any(a => PagingArguments.Contains(a.Name, StringComparer.Ordinal)) == true && field.ResolvedType?.GetNamedType() is { } page)
            {
                _pageTypes.Add(page.Name);
            }
        }

        var typeCount = Math.Max(1, types.Count);
        var directives = schema.Directives.ToList();
        Average("__Schema", "types", types.Count, 1);
        Average("__Schema", "directives", directives.Count, 1);
        Average("__Type", "fields", outputFields.Count, typeCount);
        Average("__Type", "inputFields", types.OfType<IInputObjectGraphType>().Sum(t => t.Fields.Count()), typeCount);
        Average("__Type", "enumValues", types.OfType<EnumerationGraphType>().Sum(t => t.Values.Count()), typeCount);
        Average("__Type", "interfaces", types.OfType<IImplementInterfaces>().Sum(t => t.ResolvedInterfaces.Count()), typeCount);
        Average("__Type", "possibleTypes", types.OfType<IAbstractGraphType>().Sum(t => t.PossibleTypes.Count()), typeCount);
        Average("__Field", "args", outputFields.Sum(f => f.Arguments?.Count ?? 0), outputFields.Count);
        Average("__Directive", "args", directives.Sum(d => d.Arguments?.Count ?? 0), directives.Count);
    }

    public static SchemaCostFacts For(ISchema schema) => Known.GetValue(schema, s => new SchemaCostFacts(s));

    /// <summary>Lists of a page type (edges, nodes, items) are as long as the page its field asked for.</summary>
    public bool IsPageType(IGraphType type) => _pageTypes.Contains(type.Name);

    /// <summary>The average length of an introspection list field, or null for any other field.</summary>
    public double? IntrospectionListSize(IGraphType parent, string field) =>
        _introspectionLists.TryGetValue((parent.Name, field), out var size) ? size : null;

    private void Average(string type, string field, int items, int parents) =>
        _introspectionLists[(type, field)] = (double)items / Math.Max(1, parents);
}
