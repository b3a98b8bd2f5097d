using Coco.Connectors.ClientGenerator.Documents;
using Coco.Connectors.ClientGenerator.Emit;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>
/// Turns a validated document into the client model: a result record per operation, a record per fragment (used
/// wherever a selection is exactly that fragment), input records and enums for what the variables reach.
/// </summary>
internal sealed class ModelBuilder
{
    private readonly SchemaLookup _lookup;
    private readonly OperationDocument _document;
    private readonly FieldCollector _collector;
    private readonly List<GeneratorDiagnostic> _diagnostics;
    private readonly Dictionary<string, EnumModel> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InputObjectModel> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShapeModel> _fragments = new(StringComparer.Ordinal);

    public ModelBuilder(SchemaLookup lookup, OperationDocument document, List<GeneratorDiagnostic> diagnostics)
    {
        _lookup = lookup;
        _document = document;
        _diagnostics = diagnostics;
        _collector = new FieldCollector(lookup);
    }

    public ClientModel Build(IReadOnlyCollection<string> reservedTopLevelNames)
    {
        var texts = new DocumentTextBuilder(_lookup, _document);
        var topLevel = new Dictionary<string, ASTNode>(StringComparer.Ordinal);
        var operations = new List<OperationModel>();
        foreach (var definition in _document.Document.Definitions)
        {
            switch (definition)
            {
                case GraphQLFragmentDefinition fragment:
                    Claim(topLevel, reservedTopLevelNames, fragment.FragmentName.Name.StringValue, fragment);
                    Fragment(fragment.FragmentName.Name.StringValue);
                    break;
                case GraphQLOperationDefinition { Name: null } anonymous:
                    _diagnostics.Add(_document.DiagnosticAt(anonymous, DiagnosticCodes.AnonymousOperation,
                        "Give the operation a name (e.g. 'query GetConnector { … }'): the client method is named after it."));
                    break;
                case GraphQLOperationDefinition operation:
                    var model = Operation(operation, texts.Build(operation));
                    Claim(topLevel, reservedTopLevelNames, model.Result.Name, operation);
                    operations.Add(model);
                    break;
            }
        }

        foreach (var name in _inputs.Keys.Concat(_enums.Keys))
        {
            if (topLevel.TryGetValue(name, out var node) || reservedTopLevelNames.Contains(name))
            {
                _diagnostics.Add(_document.DiagnosticAt(node?.Location.Start ?? 0, DiagnosticCodes.NameClash,
                    $"'{name}' is also the name of a schema type the client generates; rename the fragment or operation."));
            }
        }

        return new ClientModel(operations, [.. _fragments.Values], [.. _inputs.Values], [.. _enums.Values]);
    }

    private void Claim(Dictionary<string, ASTNode> topLevel, IReadOnlyCollection<string> reserved, string name, ASTNode node)
    {
        if (reserved.Contains(name) || !topLevel.TryAdd(name, node))
        {
            _diagnostics.Add(_document.DiagnosticAt(node, DiagnosticCodes.NameClash,
                $"The generated type '{name}' would be declared twice; rename this fragment or operation."));
        }
    }

    private OperationModel Operation(GraphQLOperationDefinition operation, string text)
    {
        var name = operation.Name!.StringValue;
        var root = _lookup.Root(operation.Operation);
        var collected = _collector.Collect(root, [operation.SelectionSet]);
        var resultName = name + "Result";
        var scope = new ShapeScope(resultName, collected.Select(c => PropertyName(c.ResponseName)));
        var description = $"The result of the {operation.Operation.ToString().ToLowerInvariant()} {name}.";
        var result = new ObjectShape(root.Name, description, Fields(root, collected, scope)) { Name = resultName };
        scope.AttachTo(result);

        var variables = new List<VariableModel>();
        var parameterNames = new HashSet<string>(StringComparer.Ordinal) { "cancellationToken" };
        foreach (var variable in operation.Variables?.Items ?? [])
        {
            var type = InputType(variable.Type);
            var parameter = ShapeScope.UniqueName([CSharpNames.Camel(variable.Variable.Name.StringValue)], parameterNames.Add);
            variables.Add(new VariableModel(variable.Variable.Name.StringValue, parameter, type, Required: !type.Nullable && variable.DefaultValue is null));
        }

        var kind = operation.Operation switch
        {
            OperationType.Mutation => OperationKind.Mutation,
            OperationType.Subscription => OperationKind.Subscription,
            _ => OperationKind.Query,
        };
        return new OperationModel(name, kind, result, variables, text, _document.PathOf(operation));
    }

    private ShapeModel Fragment(string name)
    {
        if (_fragments.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var definition = _lookup.Fragment(name);
        var type = _lookup.Type(definition.TypeCondition.Type.Name.StringValue);
        var reserved = SchemaLookup.PossibleTypes(type)
            .SelectMany(p => _collector.Collect(p, [definition.SelectionSet]).Select(c => PropertyName(c.ResponseName)).Append(p.Name));
        var scope = new ShapeScope(name, reserved);
        var shape = Shape(type, [definition.SelectionSet], scope);
        shape.Name = name;
        scope.AttachTo(shape);
        _fragments[name] = shape;
        return shape;
    }

    private ShapeModel Shape(IGraphType type, IReadOnlyList<GraphQLSelectionSet> sets, ShapeScope scope)
    {
        if (type is IObjectGraphType obj)
        {
            return new ObjectShape(obj.Name, obj.Description, Fields(obj, _collector.Collect(obj, sets), scope));
        }

        var members = SchemaLookup.PossibleTypes(type)
            .Select(p => new ObjectShape(p.Name, p.Description, Fields(p, _collector.Collect(p, sets), scope)))
            .ToList();
        var common = members.Count == 0
            ? []
            : members[0].Fields
                .Where(f => members.All(m => m.Fields.Any(g => g.ResponseName == f.ResponseName && g.Type.Signature == f.Type.Signature)))
                .Select(f => members.All(m => m.Fields.First(g => g.ResponseName == f.ResponseName).Description == f.Description) ? f : f with { Description = null })
                .ToList();
        var shape = new AbstractShape(type.Name, type.Description, common, members);
        var taken = new HashSet<string>(common.Select(f => f.PropertyName), StringComparer.Ordinal) { type.Name };
        taken.UnionWith(ShapeScope.RecordMembers);
        foreach (var member in members)
        {
            member.Name = ShapeScope.UniqueName([member.GraphQLType], name => !taken.Contains(name) && !ShapeScope.OwnMemberNames(member).Contains(name));
            taken.Add(member.Name);
            member.Base = shape;
            member.DeclaringShape = shape;
            shape.Nested.Add(member);
        }

        return shape;
    }

    private List<FieldModel> Fields(IObjectGraphType parent, IReadOnlyList<CollectedField> collected, ShapeScope scope)
    {
        var fields = new List<FieldModel>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in collected)
        {
            var type = OutputType(SchemaLookup.FieldType(parent, field.FieldName), field, scope);
            var property = PropertyName(field.ResponseName);
            if (!names.Add(property))
            {
                _diagnostics.Add(_document.DiagnosticAt(field.Nodes[0], DiagnosticCodes.NameClash,
                    $"Two fields of '{parent.Name}' would both be the C# property '{property}'; give one an alias."));
            }

            fields.Add(new FieldModel(field.ResponseName, property, field.Conditional ? type with { Nullable = true } : type,
                parent.GetField(field.FieldName)?.Description));
        }

        return fields;
    }

    private TypeRef OutputType(IGraphType type, CollectedField field, ShapeScope scope) => type switch
    {
        NonNullGraphType nonNull => OutputType(nonNull.ResolvedType!, field, scope) with { Nullable = false },
        ListGraphType list => new ListRef(OutputType(list.ResolvedType!, field, scope), true),
        EnumerationGraphType enumeration => new EnumRef(Enum(enumeration), true),
        ScalarGraphType scalar => new ScalarRef(Scalar(scalar.Name), true),
        _ => new ShapeRef(NestedShape(type, field, scope), true),
    };

    private ShapeModel NestedShape(IGraphType type, CollectedField field, ShapeScope scope)
    {
        var sets = field.Nodes.Select(n => n.SelectionSet!).ToList();
        if (sets is [{ Selections: [GraphQLFragmentSpread { Directives: null or { Items.Count: 0 } } spread] }]
            && _lookup.Fragment(spread.FragmentName.Name.StringValue).TypeCondition.Type.Name.StringValue == type.Name)
        {
            return Fragment(spread.FragmentName.Name.StringValue);
        }

        return scope.Register(Shape(type, sets, scope), PropertyName(field.ResponseName));
    }

    private TypeRef InputType(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => InputType(nonNull.Type) with { Nullable = false },
        GraphQLListType list => new ListRef(InputType(list.Type), true),
        GraphQLNamedType named => InputType(_lookup.Type(named.Name.StringValue)),
        _ => throw new InvalidOperationException($"Unknown type node {type.Kind}."),
    };

    private TypeRef InputType(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => InputType(nonNull.ResolvedType!) with { Nullable = false },
        ListGraphType list => new ListRef(InputType(list.ResolvedType!), true),
        EnumerationGraphType enumeration => new EnumRef(Enum(enumeration), true),
        ScalarGraphType scalar => new ScalarRef(Scalar(scalar.Name), true),
        IInputObjectGraphType input => new InputObjectRef(Input(input), true),
        _ => throw new InvalidOperationException($"'{type.Name}' is not an input type."),
    };

    private InputObjectModel Input(IInputObjectGraphType type)
    {
        if (_inputs.TryGetValue(type.Name, out var existing))
        {
            return existing;
        }

        var model = new InputObjectModel(type.Name, type.Description);
        _inputs.Add(type.Name, model); // before its fields: input types may refer to themselves (and/or)
        foreach (var field in type.Fields)
        {
            var fieldType = InputType(field.ResolvedType!);
            model.Fields.Add(new InputFieldModel(field.Name, PropertyName(field.Name), fieldType,
                Required: !fieldType.Nullable && field.DefaultValue is null, field.Description));
        }

        return model;
    }

    private EnumModel Enum(EnumerationGraphType type)
    {
        if (!_enums.TryGetValue(type.Name, out var model))
        {
            model = new EnumModel(type.Name, type.Description,
                [.. type.Values.Select(v => new EnumValueModel(v.Name, CSharpNames.EnumMember(v.Name), v.Description))]);
            _enums.Add(type.Name, model);
        }

        return model;
    }

    private static ScalarKind Scalar(string name) => name switch
    {
        "String" => ScalarKind.String,
        "ID" => ScalarKind.Id,
        "Int" => ScalarKind.Int,
        "Float" => ScalarKind.Float,
        "Boolean" => ScalarKind.Boolean,
        "DateTime" => ScalarKind.DateTime,
        _ => ScalarKind.Json,
    };

    private static string PropertyName(string responseName)
    {
        var name = CSharpNames.Pascal(responseName);
        return ShapeScope.RecordMembers.Contains(name) ? name + "Value" : name;
    }
}
