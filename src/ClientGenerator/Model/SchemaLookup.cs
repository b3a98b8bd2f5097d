using GraphQL.Types;
using GraphQLParser.AST;

namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>The questions the model builder asks of the schema and the document's fragments.</summary>
internal sealed class SchemaLookup(ISchema schema, GraphQLDocument document)
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = document.Definitions
        .OfType<GraphQLFragmentDefinition>()
        .GroupBy(f => f.FragmentName.Name.StringValue)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public ISchema Schema { get; } = schema;

    public IReadOnlyDictionary<string, GraphQLFragmentDefinition> Fragments => _fragments;

    public IGraphType Type(string name) =>
        Schema.AllTypes[name] ?? throw new InvalidOperationException($"The schema has no type '{name}'.");

    public static IGraphType Named(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Named(nonNull.ResolvedType!),
        ListGraphType list => Named(list.ResolvedType!),
        _ => type,
    };

    public static bool IsAbstract(IGraphType type) => type is IAbstractGraphType;

    /// <summary>The object types a value of this type can be, in schema order.</summary>
    public static IReadOnlyList<IObjectGraphType> PossibleTypes(IGraphType type) => type switch
    {
        IObjectGraphType obj => [obj],
        IAbstractGraphType abs => [.. abs.PossibleTypes],
        _ => [],
    };

    /// <summary>Whether a fragment on <paramref name="condition"/> applies to an object of type <paramref name="type"/>.</summary>
    public bool Applies(string? condition, IObjectGraphType type)
    {
        if (condition is null || condition == type.Name)
        {
            return true;
        }

        return Schema.AllTypes[condition] is IAbstractGraphType abs && abs.PossibleTypes.Any(p => p.Name == type.Name);
    }

    public GraphQLFragmentDefinition Fragment(string name) => _fragments[name];

    /// <summary>The root type of an operation.</summary>
    public IObjectGraphType Root(OperationType operation) => operation switch
    {
        OperationType.Mutation => Schema.Mutation!,
        OperationType.Subscription => Schema.Subscription!,
        _ => Schema.Query,
    };

    public static IGraphType FieldType(IComplexGraphType parent, string fieldName) =>
        fieldName == "__typename"
            ? new NonNullGraphType(new StringGraphType())
            : parent.GetField(fieldName)?.ResolvedType ?? throw new InvalidOperationException($"'{parent.Name}' has no field '{fieldName}'.");
}
