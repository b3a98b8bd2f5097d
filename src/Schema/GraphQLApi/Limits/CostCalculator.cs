using System.Collections;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi.Limits;

/// <summary>
/// The estimated cost of one operation with the request's argument values: every field costs 1 (introspection and
/// <c>__typename</c> included), a root field <see cref="GraphQLLimitsOptions.RootFieldCost"/>, and a field's
/// selection costs as many times as the field returns items — the page size asked for (<c>first</c>, <c>last</c>,
/// <c>take</c>; the default page when absent, at most the largest page), the number of <c>ids</c>, an introspection
/// list's average length, or <see cref="GraphQLLimitsOptions.DefaultListSize"/>. Each fragment is costed once and
/// reused at every spread (its cost does not depend on where it is spread), so the time is linear in the document.
/// </summary>
internal sealed class CostCalculator(ValidationContext context, SchemaCostFacts facts, GraphQLLimitsOptions limits)
{
    private readonly ISchema _schema = context.Schema;
    private readonly Dictionary<GraphQLFragmentDefinition, double> _fragments = [];
    private readonly HashSet<GraphQLFragmentDefinition> _inProgress = [];
    private Dictionary<ROM, GraphQLFragmentDefinition>? _byName;

    public double Operation(GraphQLOperationDefinition operation)
    {
        IGraphType? root = operation.Operation switch
        {
            OperationType.Mutation => _schema.Mutation,
            OperationType.Subscription => _schema.Subscription,
            _ => _schema.Query,
        };
        return root is null ? 0 : SelectionSet(operation.SelectionSet, root);
    }

    private double SelectionSet(GraphQLSelectionSet set, IGraphType parent)
    {
        double cost = 0;
        foreach (var selection in set.Selections)
        {
            cost += selection switch
            {
                GraphQLField field => Field(field, parent),
                GraphQLInlineFragment inline => SelectionSet(inline.SelectionSet, TypeOf(inline.TypeCondition) ?? parent),
                GraphQLFragmentSpread spread => Fragment(spread.FragmentName.Name.Value),
                _ => 0,
            };
        }

        return cost;
    }

    private double Field(GraphQLField field, IGraphType parent)
    {
        if (FieldDefinition(parent, field) is not { } definition)
        {
            return 0; // Validation reports an unknown field.
        }

        var isMeta = field.Name.Value.Span.StartsWith("__", StringComparison.Ordinal);
        double weight = !isMeta && IsRootType(parent) ? limits.RootFieldCost : 1;
        if (field.SelectionSet is not { } selection || definition.ResolvedType?.GetNamedType() is not { } itemType)
        {
            return weight;
        }

        return weight + Multiplier(field, definition, parent) * SelectionSet(selection, itemType);
    }

    private double Multiplier(GraphQLField field, FieldType definition, IGraphType parent)
    {
        var arguments = context.ArgumentValues is { } all && all.TryGetValue(field, out var values) ? values : null;
        if (definition.Arguments?.Any(a => SchemaCostFacts.PagingArguments.Contains(a.Name, StringComparer.Ordinal)) == true)
        {
            var requested = SchemaCostFacts.PagingArguments.Select(name => Int(arguments, name)).FirstOrDefault(v => v is not null);
            return Math.Clamp(requested ?? PageLimits.GraphQL.DefaultPageSize, 0, PageLimits.GraphQL.MaxPageSize);
        }

        if (arguments is not null && arguments.TryGetValue("ids", out var ids) && ids.Value is ICollection list)
        {
            return list.Count;
        }

        var type = definition.ResolvedType is NonNullGraphType nonNull ? nonNull.ResolvedType : definition.ResolvedType;
        if (type is not ListGraphType)
        {
            return 1;
        }

        return facts.IsPageType(parent) ? 1 : facts.IntrospectionListSize(parent, definition.Name) ?? limits.DefaultListSize;
    }

    private double Fragment(ROM name)
    {
        _byName ??= context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.Value).ToDictionary(g => g.Key, g => g.First());
        if (!_byName.TryGetValue(name, out var fragment) || TypeOf(fragment.TypeCondition) is not { } type)
        {
            return 0;
        }

        if (_fragments.TryGetValue(fragment, out var known))
        {
            return known;
        }

        if (!_inProgress.Add(fragment))
        {
            return 0; // A cycle: validation reports it.
        }

        var cost = SelectionSet(fragment.SelectionSet, type);
        _inProgress.Remove(fragment);
        _fragments[fragment] = cost;
        return cost;
    }

    private IGraphType? TypeOf(GraphQLTypeCondition? condition) => condition is null ? null : _schema.AllTypes[condition.Type.Name.Value];

    private bool IsRootType(IGraphType type) => type == _schema.Query || type == _schema.Mutation || type == _schema.Subscription;

    // The same lookup as the validator's TypeInfo: meta fields first, then the type's own fields.
    private FieldType? FieldDefinition(IGraphType parent, GraphQLField field)
    {
        var name = field.Name.Value;
        if (name == _schema.SchemaMetaFieldType.Name && parent == _schema.Query)
        {
            return _schema.SchemaMetaFieldType;
        }

        if (name == _schema.TypeMetaFieldType.Name && parent == _schema.Query)
        {
            return _schema.TypeMetaFieldType;
        }

        if (name == _schema.TypeNameMetaFieldType.Name)
        {
            return _schema.TypeNameMetaFieldType;
        }

        return parent is IObjectGraphType or IInterfaceGraphType ? ((IComplexGraphType)parent).GetField(name) : null;
    }

    private static int? Int(IDictionary<string, ArgumentValue>? arguments, string name) =>
        arguments is not null && arguments.TryGetValue(name, out var value) && value.Value is int number ? number : null;
}
