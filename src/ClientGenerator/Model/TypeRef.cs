namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>A GraphQL type as the generated C# sees it: what it is, and whether it may be null.</summary>
internal abstract record TypeRef(bool Nullable)
{
    /// <summary>A stable text for comparing shapes (two selections with equal signatures share one C# type).</summary>
    public abstract string Signature { get; }

    protected string Suffix => Nullable ? "" : "!";
}

internal sealed record ScalarRef(ScalarKind Kind, bool Nullable) : TypeRef(Nullable)
{
    public override string Signature => Kind + Suffix;
}

internal sealed record EnumRef(EnumModel Enum, bool Nullable) : TypeRef(Nullable)
{
    public override string Signature => Enum.GraphQLName + Suffix;
}

internal sealed record ListRef(TypeRef Item, bool Nullable) : TypeRef(Nullable)
{
    public override string Signature => "[" + Item.Signature + "]" + Suffix;
}

/// <summary>A selection on an object, interface or union type: a generated record.</summary>
internal sealed record ShapeRef(ShapeModel Shape, bool Nullable) : TypeRef(Nullable)
{
    public override string Signature => Shape.Signature + Suffix;
}

internal sealed record InputObjectRef(InputObjectModel Input, bool Nullable) : TypeRef(Nullable)
{
    public override string Signature => Input.GraphQLName + Suffix;
}
