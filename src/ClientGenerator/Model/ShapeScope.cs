namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>
/// The nested types of one container record (an operation's result or a fragment): equal selections share one
/// type, and every name is unique there and unlike the container's own members.
/// </summary>
internal sealed class ShapeScope
{
    /// <summary>Members every generated record has (from <c>record</c> or from the generator), which no nested name may take.</summary>
    public static readonly IReadOnlySet<string> RecordMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "GetType",
        "MemberwiseClone", "FromJson", "Match",
    };

    private readonly HashSet<string> _used;
    private readonly Dictionary<string, ShapeModel> _bySignature = new(StringComparer.Ordinal);

    public ShapeScope(string containerName, IEnumerable<string> reservedNames)
    {
        _used = new HashSet<string>(reservedNames, StringComparer.Ordinal) { containerName };
        _used.UnionWith(RecordMembers);
    }

    public List<ShapeModel> Nested { get; } = [];

    /// <summary>The shape to use: an equal one made before, or this one under a free name.</summary>
    public ShapeModel Register(ShapeModel shape, string propertyName)
    {
        if (_bySignature.TryGetValue(shape.Signature, out var existing))
        {
            return existing;
        }

        var own = OwnMemberNames(shape);
        // Taken names fall back to the field's name (EdgesConnector beside NodesConnector), then a suffix (a field
        // `node` of type Node cannot have a nested type Node beside its property Node).
        string[] candidates = propertyName == shape.GraphQLType
            ? [shape.GraphQLType, shape.GraphQLType + "Data"]
            : [shape.GraphQLType, propertyName + shape.GraphQLType, shape.GraphQLType + "Data"];
        shape.Name = UniqueName(candidates, name => !_used.Contains(name) && !own.Contains(name));
        _used.Add(shape.Name);
        _bySignature.Add(shape.Signature, shape);
        Nested.Add(shape);
        return shape;
    }

    /// <summary>Declares the collected shapes inside their container.</summary>
    public void AttachTo(ShapeModel container)
    {
        foreach (var shape in Nested)
        {
            shape.DeclaringShape = container;
            container.Nested.Add(shape);
        }
    }

    /// <summary>Names a type may not take because one of its own members has it (C# forbids a member named as its type).</summary>
    public static HashSet<string> OwnMemberNames(ShapeModel shape) => shape switch
    {
        ObjectShape obj => [.. obj.Fields.Select(f => f.PropertyName)],
        AbstractShape abs => [.. abs.CommonFields.Select(f => f.PropertyName), .. abs.Members.Select(m => m.Name)],
        _ => [],
    };

    public static string UniqueName(IReadOnlyList<string> candidates, Func<string, bool> isFree)
    {
        foreach (var candidate in candidates)
        {
            if (isFree(candidate))
            {
                return candidate;
            }
        }

        for (var i = 2; ; i++)
        {
            if (isFree(candidates[0] + i))
            {
                return candidates[0] + i;
            }
        }
    }
}
