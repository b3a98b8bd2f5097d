using GraphQL.Types;

namespace Coco.Connectors.GraphQL;

/// <summary>Relay's <c>Node</c>: anything that can be fetched again by its id through <c>node(id:)</c>.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a globally unique id that can be fetched again with `node(id:)`.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The object's unique id.");
    }
}

/// <summary>The interface every typed mutation error implements (HotChocolate mutation conventions).</summary>
public sealed class ErrorInterface : InterfaceGraphType
{
    public ErrorInterface()
    {
        Name = "Error";
        Description = "A reason a mutation did not do what was asked.";
        Field<NonNullGraphType<StringGraphType>>("message").Description("What went wrong, for a person to read.");
    }
}
