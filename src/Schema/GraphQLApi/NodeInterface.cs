using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi;

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
